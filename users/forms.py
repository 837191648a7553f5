"""Forms for the second factor, the reset-with-code, the profile and account deletion."""

from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from . import deletion
from .models import User
from .second_factor import (
    check_code_within_limits,
    code_attempts_exhausted,
    has_second_factor,
    verify_code,
)


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Authentication code"))
        kwargs.setdefault(
            "help_text",
            _("The 6-digit code from your authenticator app, or one of your backup codes."),
        )
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "text", "dir": "ltr"}
            ),
        )
        super().__init__(**kwargs)


WRONG_CODE = _("That code is wrong, expired or already used. Please try again.")
TOO_MANY_CODES = _("Too many wrong codes in a short time. Please wait a few minutes and try again.")


def checked_code_device(request, user, check):
    """The device `check()` accepts under the shared code limits, or a ValidationError saying
    whether the code was wrong or the limit is reached."""
    if code_attempts_exhausted(request, user):
        raise forms.ValidationError(TOO_MANY_CODES, code="too_many_codes")
    device = check_code_within_limits(request, user, check)
    if device is None:
        raise forms.ValidationError(WRONG_CODE, code="wrong_code")
    return device


class SecondFactorForm(forms.Form):
    code = CodeField()

    def __init__(self, *args, user, request=None, **kwargs):
        self.user = user
        self.request = request
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.device = checked_code_device(
            self.request, self.user, lambda: verify_code(self.user, code)
        )
        return code


class AuthenticatorSetupForm(forms.Form):
    code = CodeField(
        label=_("Code from your authenticator app"),
        help_text=_("Enter the 6-digit code your app shows now."),
        max_length=12,
    )

    def __init__(self, *args, device, request=None, **kwargs):
        self.device = device
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        device = self.device
        checked_code_device(
            self.request, device.user, lambda: device if device.verify_token(code) else None
        )
        return code


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    """allauth's set-a-new-password form; when the account has 2FA it also needs a code, so a
    stolen mailbox alone cannot take the account."""

    code = CodeField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_second_factor(self.user):
            del self.fields["code"]
        else:
            self.fields["code"].required = True

    def clean_code(self):
        code = self.cleaned_data["code"]
        # allauth keeps the current request in its context; the reset counts against the same
        # member and address limits as the login's code step.
        checked_code_device(context.request, self.user, lambda: verify_code(self.user, code))
        return code


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio", *User.PRIVACY_FIELDS]
        help_texts = {
            "display_name": _("Optional. Shown instead of your username if you allow it."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}


class DeleteAccountForm(forms.Form):
    contributions = forms.ChoiceField(
        label=_("Your contributions"),
        choices=deletion.MODES,
        initial=deletion.ANONYMISE,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
    )
