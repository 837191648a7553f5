"""Catalogue pages that are not Wagtail pages: a publisher's or author's resources.

Plain Django views rather than Wagtail routes: a publisher is a name on resources, not an
edited page, so there is nothing for curators to write or translate, and no page in the tree
should have to exist for its address to work in both languages."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from . import creators, services


def creator_page(request, role, slug):
    if role not in creators.ROLES or not creators.SLUG_PATTERN.match(slug):
        raise Http404
    names = creators.names_for_slugs(role, [slug])
    if not names:
        raise Http404
    resources = creators.creator_resources(role, names, Locale.get_active())
    page = services.paginate(request, resources)
    role_title = {"publisher": _("Publisher"), "author": _("Author or creator")}[role]
    return render(
        request,
        "library/creator_page.html",
        {
            "name": names[0],
            "role_title": role_title,
            "resources": page,
            "preview_title": names[0],
            "preview_description": _("Resources in the Tasharuk library by %(name)s.")
            % {"name": names[0]},
        },
    )
