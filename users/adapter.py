"""allauth adapter: adds the second-factor login stage, the pseudonym rules, hashed client
addresses for rate limits, failed-login limits that a stranger cannot turn into a lockout, and
sign-up that never reveals whether an e-mail address has an account."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tasharuk.ratelimit import hashed_client_address

from . import login_limits
from .usernames import normalise_username, username_skeleton


class AccountAdapter(DefaultAccountAdapter):
    def get_login_stages(self):
        return [*super().get_login_stages(), "users.stages.SecondFactorStage"]

    def clean_username(self, username, shallow=False):
        username = normalise_username(username)
        username = super().clean_username(username, shallow=shallow)
        if not shallow:
            from .models import User

            if User.objects.filter(username_skeleton=username_skeleton(username)).exists():
                raise ValidationError(
                    _(
                        "This username is taken or looks too much like a member's username. "
                        "Please choose another."
                    ),
                    code="username_taken",
                )
        return username

    def get_client_ip(self, request):
        # allauth puts this value into its rate-limit cache keys; give it a keyed hash so the
        # address itself is never stored anywhere.
        return hashed_client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's per-"key" failed-login limit counts per login name; counting per login name
        # *and* client means a stranger who knows a username locks out only themselves.
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{hashed_client_address(request)}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            raise ImmediateHttpResponse(ratelimit.respond_429(request)) from error
        if login_limits.account_under_attack(credentials) and not login_limits.can_prove_factor(
            credentials
        ):
            raise ImmediateHttpResponse(ratelimit.respond_429(request))

    def authentication_failed(self, request, **credentials):
        login_limits.count_failure(credentials)

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        # Sign-up and "add an e-mail" accept an address that already belongs to another member
        # exactly as they accept a new one (ACCOUNT_PREVENT_ENUMERATION = "strict"), so the page
        # reveals nothing; the address's owner gets an "you already have an account" e-mail
        # instead of a confirmation link, and the address is never verified for the newcomer.
        address = emailconfirmation.email_address
        if login_limits.address_belongs_to_another_member(address):
            self.send_account_already_exists_mail(address.email)
            return
        super().send_confirmation_mail(request, emailconfirmation, signup)
