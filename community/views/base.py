"""What the members' views share: going back where the member came from, and the resource."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from ..collections import live_resource


def back(request, fallback):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def resource_or_404(key):
    page = live_resource(key)
    if page is None:
        raise Http404
    return page


def refused(request, message, kept_text="", status=403):
    """A page saying plainly why an action was refused; what the member typed is shown back,
    so nothing they wrote is lost."""
    return render(
        request,
        "community/refused.html",
        {"message": message, "kept_text": kept_text},
        status=status,
    )
