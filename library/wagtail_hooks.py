"""Wagtail hooks of the library: a view restriction guards every translation of its pages."""

from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.models import PageViewRestriction

from .visibility import restrictions_through_translations


@hooks.register("before_serve_page")
def guard_translations_of_restricted_pages(page, request, serve_args, serve_kwargs):
    """Ask what Wagtail asks at a restricted page (its password, or to sign in) at the
    translations of that page and of the pages below it too: a private English page's Arabic
    translation tells what the English one is about (library.visibility hides both from
    listings; this keeps their own addresses alike)."""
    for restriction in restrictions_through_translations(page):
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            from wagtail.forms import PasswordViewRestrictionForm

            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
            )
            response = page.serve_password_required_response(request, form, action_url)
        else:
            from wagtail.wagtail_hooks import require_wagtail_login

            response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    return None
