"""Request guards: nothing identifying in session data, the second-factor safety net, the
admin's 2FA requirement and the Permissions-Policy header."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .second_factor import has_second_factor

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


# allauth keeps a POST that needs the password again (adding an e-mail, 2FA changes, account
# deletion) in the session, to replay it after re-authentication; it serialises the whole
# request environment with it. Only what replaying the form needs may stay.
SUSPENDED_REQUEST_KEY = "account_reauthentication_state"
REPLAYABLE_META = frozenset(
    {
        "CONTENT_TYPE",
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_HOST",
        "PATH_INFO",
        "QUERY_STRING",
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
    }
)


def without_identifying_meta(serialized_request):
    """allauth's serialised request with its META cut down to REPLAYABLE_META: no client
    address, forwarded-for chain, user agent or cookies."""
    data = json.loads(serialized_request)
    data["META"] = {k: v for k, v in data.get("META", {}).items() if k in REPLAYABLE_META}
    return json.dumps(data)


class SessionPrivacyMiddleware:
    """Before the session is saved, strips what identifies the member's device or network from
    a request that allauth suspended there. Listed after SessionMiddleware, so its response
    phase runs before the session is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.modified:  # nothing new to be written
            return response
        state = session.get(SUSPENDED_REQUEST_KEY)
        if isinstance(state, dict) and isinstance(state.get("request"), str):
            cleaned = without_identifying_meta(state["request"])
            if cleaned != state["request"]:
                session[SUSPENDED_REQUEST_KEY] = {**state, "request": cleaned}
        return response


class SecondFactorSafetyNetMiddleware:
    """Logs out any session of a member with a device whose login never passed the second
    factor, whatever path created it. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and has_second_factor(user):
            logout(request)
            messages.error(request, _("Please sign in again with your second factor."))
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class AdminSecondFactorMiddleware:
    """The Wagtail admin: its login is the site's login, and only sessions verified with a
    second factor get in (members without one are sent to set it up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            if request.path_info.startswith("/admin/login/"):
                return redirect_to_login(
                    request.GET.get("next", "/admin/"), settings.WAGTAILADMIN_LOGIN_URL
                )
            user = request.user
            if user.is_authenticated and not user.is_verified():
                if request.path_info.startswith("/admin/logout/"):
                    return self.get_response(request)
                messages.warning(
                    request,
                    _("Turn on two-factor authentication before opening the editors' area."),
                )
                return redirect("users_two_factor_setup")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses, for every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
