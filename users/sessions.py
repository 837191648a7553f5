"""Ending a member's server-side sessions (after a password reset, on account deletion)."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions(user, keep_session_key=None):
    """Delete every live session of `user` except `keep_session_key`; return how many ended.

    Sessions live in the database and last at most 12 hours, so the live set stays small
    enough to scan.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep_session_key:
            continue
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended
