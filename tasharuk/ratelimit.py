"""Small fixed-window rate limits, shared by member actions (submit, comment, rate, feedback)
and second-factor attempts.

Counters live in Django's cache under keyed hashes: the member's id when signed in, otherwise
HMAC-SHA256(SECRET_KEY, client address)[:32]. The address itself is never stored or logged.
"""

import functools
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

DEFAULT_LIMITS = {
    "submit": (10, 3600),
    "fetch": (30, 600),
    "comment": (10, 600),
    "rate": (60, 600),
    "report": (20, 3600),
    "suggest": (20, 3600),  # corrections and volunteer translations
    "feedback": (5, 600),
    "collect": (120, 600),
    "invite": (20, 3600),  # invitations to co-edit a collection
    "follow": (60, 600),
    "page_password": (10, 600),  # the shared password of a password-protected page
    # Anonymous reads of the open API, feeds, oEmbed and the widget, per client.
    "open_api": (300, 60),
}


def client_address(request):
    """The client's address as allauth sees it: behind a proxy, the one the proxy reports
    (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER), otherwise REMOTE_ADDR.
    Without this, every visitor behind the proxy would share one rate-limit counter."""
    from allauth.account.adapter import DefaultAccountAdapter

    try:
        return DefaultAccountAdapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return "unknown"


def hashed_client_address(request):
    """A keyed hash of the client's address: stable enough to count attempts, useless to
    anyone reading the cache, and the address itself is never stored."""
    address = client_address(request)
    digest = hmac.new(
        settings.SECRET_KEY.encode("utf-8"), address.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    return f"addr-{digest[:32]}"


def client_key(request):
    """Who is acting, as a key that reveals nothing: member id, or a keyed hash of the address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    return hashed_client_address(request)


def count_in_window(key, window):
    """Add one to the counter `key` (which expires `window` seconds after it starts); return it."""
    # The shared cache counts in one round trip; it answers None while its server is away.
    counted = cache.count_in_window(key, window) if hasattr(cache, "count_in_window") else None
    if counted is not None:
        return counted
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def limits():
    return {**DEFAULT_LIMITS, **settings.TASHARUK_MEMBERS.get("RATE_LIMITS", {})}


def hit(request, scope):
    """Count one action in `scope`; False once the client is over the limit for the window."""
    count_limit, window = limits()[scope]
    return count_in_window(f"tasharuk:rl:{scope}:{client_key(request)}", window) <= count_limit


def too_many_requests(request):
    message = _("Too many attempts in a short time. Please wait a few minutes and try again.")
    return render(request, "429.html", {"message": message}, status=429)


def rate_limited(scope, methods=("POST",)):
    """View decorator: answer 429 when the client is over `scope`'s limit (only for `methods`)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not hit(request, scope):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
