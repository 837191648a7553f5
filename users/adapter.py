"""allauth adapter: adds the second-factor login stage, the pseudonym rules, hashed client
addresses for rate limits and 429 pages for repeated failed logins."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tasharuk.ratelimit import hashed_client_address

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

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            raise ImmediateHttpResponse(ratelimit.respond_429(request)) from error
