"""Member account screens: the second-factor step of a login, 2FA set-up, profile and privacy
choices, data download and account deletion. Thin: the work is in second_factor, data_export
and deletion."""

import json

from allauth.account.decorators import reauthentication_required
from allauth.account.stages import LoginStageController
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import data_export, deletion, second_factor, sessions
from .forms import AuthenticatorSetupForm, DeleteAccountForm, ProfileForm, SecondFactorForm
from .signed_in_pages import CLEAR_SITE_DATA
from .stages import SecondFactorStage


def second_factor_step(request):
    """The login stage's page: a code or backup code completes the login."""
    stage = LoginStageController.enter(request, SecondFactorStage.key)
    if stage is None:
        return redirect("account_login")
    user = stage.login.user
    form = SecondFactorForm(request.POST or None, user=user, request=request)
    if request.method == "POST":
        if "cancel" in request.POST:
            return stage.abort()
        if second_factor.code_attempts_exhausted(request, user):
            return ratelimit.respond_429(request)
        if form.is_valid():
            second_factor.mark_session_verified(request, form.device)
            return stage.exit()
    return render(request, "users/second_factor_step.html", {"form": form})


@login_required
def account_overview(request):
    user = request.user
    return render(
        request,
        "users/account.html",
        {
            "has_second_factor": second_factor.has_second_factor(user),
            "backup_codes_left": second_factor.backup_codes_left(user),
            "email_addresses": user.emailaddress_set.all(),
        },
    )


@login_required
@reauthentication_required
def two_factor_setup(request):
    user = request.user
    if second_factor.has_second_factor(user):
        return redirect("users_account")
    device = second_factor.pending_totp_device(user)
    form = AuthenticatorSetupForm(request.POST or None, device=device, request=request)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_totp_device(user, device)
        otp_login(request, device)  # this session has just proved the factor
        sessions.end_sessions(user, keep_session_key=request.session.session_key)
        messages.success(request, _("Two-factor authentication is on."))
        return render(request, "users/backup_codes.html", {"codes": codes})
    return render(
        request,
        "users/two_factor_setup.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(user, device),
            "manual_key": second_factor.manual_key(device),
        },
    )


@require_POST
@login_required
@reauthentication_required
def backup_codes_regenerate(request):
    if not second_factor.has_second_factor(request.user):
        return redirect("users_two_factor_setup")
    codes = second_factor.regenerate_backup_codes(request.user)
    sessions.end_sessions(request.user, keep_session_key=request.session.session_key)
    messages.success(request, _("New backup codes made; the old ones no longer work."))
    return render(request, "users/backup_codes.html", {"codes": codes})


@require_POST
@login_required
@reauthentication_required
def two_factor_remove(request):
    second_factor.remove_second_factor(request.user)
    sessions.end_sessions(request.user, keep_session_key=request.session.session_key)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("users_account")


def signed_out(request):
    """Where every sign-out lands: shows its message, then tells the browser to drop the
    site's cookies, cache and storage (harmless for anyone else who opens it)."""
    response = render(request, "users/signed_out.html")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@login_required
def open_sessions(request):
    """How many sessions are open and when each was last used; end the others, or all."""
    if request.method == "POST":
        if request.POST.get("end") == "all":
            sessions.end_sessions(request.user, keep_session_key=request.session.session_key)
            logout(request)
            messages.success(request, _("You are signed out everywhere."))
            return redirect("users_signed_out")
        ended = sessions.end_sessions(request.user, keep_session_key=request.session.session_key)
        messages.success(
            request,
            ngettext("%(count)s other session ended.", "%(count)s other sessions ended.", ended)
            % {"count": ended},
        )
        return redirect("users_sessions")
    found = sessions.open_sessions(request.user, request.session.session_key)
    return render(request, "users/sessions.html", {"open_sessions": found})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile and privacy choices are saved."))
        return redirect("users_profile")
    return render(request, "users/profile.html", {"form": form})


@login_required
def download_data(request):
    data = data_export.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"tasharuk-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required(allow_get=True)
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        deletion.delete_account(user, form.cleaned_data["contributions"])
        messages.success(request, _("Your account has been deleted."))
        return redirect("users_signed_out")
    return render(request, "users/delete_account.html", {"form": form})
