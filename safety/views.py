"""Members' side of tool warnings: dismissing a notice."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .member_notices import dismiss


@require_POST
@login_required
def dismiss_notice(request, status_id):
    """Close one notice and go back where the member was (only to a page of this site)."""
    dismiss(request.user, status_id)
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "community_my_library"
    return redirect(target)
