"""Signed-in pages leave nothing behind on a shared or seized device: they are never stored
by the browser (`Cache-Control: no-store`, so the back button shows nothing after signing
out), signing out tells the browser to drop the site's cache, cookies and storage
(`Clear-Site-Data`), and each session remembers only the day it was last used."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .sessions import note_session_used

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
# On the sign-out redirect itself the cookies stay a moment longer: the "you have signed out"
# message travels in one to the signed-out page, which then clears them (users.views).
CLEAR_SITE_DATA_BEFORE_REDIRECT = '"cache", "storage"'
_SIGNED_OUT_FLAG = "_tasharuk_signed_out"


@receiver(user_logged_out)
def remember_sign_out(sender, request, **kwargs):
    # Every way out (allauth's sign-out, ending all sessions, account deletion) goes through
    # django.contrib.auth.logout, which sends this signal with the request.
    if request is not None:
        setattr(request, _SIGNED_OUT_FLAG, True)


class SignedInPagesMiddleware:
    """Listed after AuthenticationMiddleware and django-otp's, so `request.user` is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_before = request.user.is_authenticated
        response = self.get_response(request)
        signed_out = getattr(request, _SIGNED_OUT_FLAG, False)
        if request.user.is_authenticated:  # after the view: a sign-in is noted at once
            note_session_used(request.session, timezone.now().date())
        if signed_out or signed_in_before or request.user.is_authenticated:
            # Replaces any caching the view chose: a member's page is theirs alone.
            del response["Cache-Control"]
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        if signed_out:
            response["Clear-Site-Data"] = (
                CLEAR_SITE_DATA_BEFORE_REDIRECT
                if response.status_code in (301, 302, 303)
                else CLEAR_SITE_DATA
            )
        return response
