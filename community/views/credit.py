"""A member's public contributor page (only when they chose to show it)."""

from django.http import Http404
from django.shortcuts import render

from .. import credit


def contributor_page(request, username):
    member = credit.contributor(username)
    if member is None:
        raise Http404
    return render(request, "community/suggestions/contributor.html", credit.contributions(member))
