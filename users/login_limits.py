"""Failed-login limits that slow password guessing without letting a stranger lock a member
out, and the e-mail ownership check that keeps sign-up from revealing accounts.

Three counters apply to password logins (see docs/security/index.md, "Threat model"):
- per client address (hashed) and per login name together: allauth's `login_failed` limit,
  keyed in users.adapter — a harasser who knows a username only locks out their own address;
- per client address (hashed): allauth's `login_failed` ip limit, against one address trying
  many names;
- per login name across every address: ACCOUNT_UNDER_ATTACK_FAILURES in an hour means a
  distributed attack; then only members who can also pass a second factor may still try, so
  a correct password alone is never enough and a member with 2FA is never locked out.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from tasharuk.ratelimit import count_in_window

ACCOUNT_UNDER_ATTACK_FAILURES = 50
ACCOUNT_UNDER_ATTACK_WINDOW = 3600  # seconds


def _login_name(credentials):
    return (credentials.get("username") or credentials.get("email") or "").strip().lower()


def _account_key(credentials):
    # A keyed hash: the cache never holds the login name (or e-mail) in clear.
    digest = hmac.new(
        settings.SECRET_KEY.encode("utf-8"),
        _login_name(credentials).encode("utf-8"),
        hashlib.sha256,
    ).hexdigest()
    return f"tasharuk:login-failed:account:{digest[:32]}"


def count_failure(credentials):
    """Count one failed password for this login name, whatever the address."""
    if _login_name(credentials):
        count_in_window(_account_key(credentials), ACCOUNT_UNDER_ATTACK_WINDOW)


def account_under_attack(credentials):
    """True when this login name failed from everywhere more often than people mistype."""
    if not _login_name(credentials):
        return False
    return (cache.get(_account_key(credentials)) or 0) >= ACCOUNT_UNDER_ATTACK_FAILURES


def can_prove_factor(credentials):
    """True when the account behind the login name has a second factor, so that even a
    correct password leads only to the code step."""
    from .models import User
    from .second_factor import has_second_factor
    from .usernames import normalise_username

    user = User.objects.filter(username__iexact=normalise_username(_login_name(credentials)))
    user = user.first()
    return has_second_factor(user)


def address_belongs_to_another_member(email_address):
    """True when another member already has this address verified."""
    from allauth.account.models import EmailAddress

    return (
        EmailAddress.objects.filter(email__iexact=email_address.email, verified=True)
        .exclude(user_id=email_address.user_id)
        .exists()
    )
