"""The allauth login stage that asks for the second factor. allauth runs every login through
its stages (password login, login after sign-up, after email confirmation, after a password
reset), so asking here means no path skips the code."""

from allauth.account.stages import LoginStage
from allauth.core.internal.httpkit import headed_redirect_response

from .second_factor import has_second_factor


class SecondFactorStage(LoginStage):
    key = "tasharuk_second_factor"
    urlname = "users_second_factor"

    def handle(self):
        if has_second_factor(self.login.user):
            return headed_redirect_response(self.urlname), True
        return None, True
