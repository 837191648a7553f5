"""A member's server-side sessions: which are open (by the day each was last used, nothing
more) and ending them (sign out everywhere, after a password or 2FA change, on deletion)."""

from datetime import date

from allauth.account.internal.stagekit import LOGIN_SESSION_KEY
from allauth.account.utils import url_str_to_user_pk
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def session_belongs_to(data, user):
    """True when decoded session `data` is signed in as `user`, or holds a login of `user`
    that stopped halfway (for instance at the second-factor step)."""
    owners = {data.get(SESSION_KEY), data.get("account_authentication_methods_user")}
    pending_login = data.get(LOGIN_SESSION_KEY)
    if isinstance(pending_login, dict) and pending_login.get("user_pk"):
        owners.add(url_str_to_user_pk(pending_login["user_pk"]))  # allauth writes it in base 36
    return str(user.pk) in {str(owner) for owner in owners if owner is not None}


def end_sessions(user, keep_session_key=None, include_expired=False):
    """Delete every session of `user` except `keep_session_key` (signed in or halfway through
    a login); return how many ended. `include_expired` also removes rows past their expiry
    that the housekeeping sweep has not reached yet (account deletion leaves nothing behind).

    Sessions live in the database and last at most 12 hours, so the set stays small enough
    to scan.
    """
    sessions = Session.objects.all()
    if not include_expired:
        sessions = sessions.filter(expire_date__gt=timezone.now())
    ended = 0
    for session in sessions.iterator():
        if session.session_key == keep_session_key:
            continue
        if session_belongs_to(session.get_decoded(), user):
            session.delete()
            ended += 1
    return ended


# The day a session was last used, as an ISO date: all a member is shown about a session (no
# address, no browser), written at most once a day so reading a page does not write a row.
LAST_USED_DAY_KEY = "tasharuk_last_used_day"


def note_session_used(session, today):
    """Record `today` (a date) as the session's last-used day unless it is already."""
    if session.get(LAST_USED_DAY_KEY) != today.isoformat():
        session[LAST_USED_DAY_KEY] = today.isoformat()


def open_sessions(user, current_session_key):
    """The member's live sessions as [{"last_used": date or None, "current": bool}], the
    current one first, then the most recently used."""
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if session_belongs_to(data, user):
            day = data.get(LAST_USED_DAY_KEY)
            found.append(
                {
                    "last_used": date.fromisoformat(day) if day else None,
                    "current": session.session_key == current_session_key,
                }
            )
    return sorted(
        found, key=lambda s: (not s["current"], -(s["last_used"] or date.min).toordinal())
    )
