"""After a password reset or change, every other session of that member ends."""

from allauth.account.signals import password_changed, password_reset
from django.dispatch import receiver

from .sessions import end_sessions


@receiver(password_reset)
@receiver(password_changed)
def end_other_sessions(sender, request, user, **kwargs):
    end_sessions(user, keep_session_key=request.session.session_key)
