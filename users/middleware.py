"""Request guards: the second-factor safety net, the admin's 2FA requirement and the
Permissions-Policy header."""

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
