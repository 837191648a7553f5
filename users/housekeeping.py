"""Scheduled housekeeping for accounts: expired sessions are deleted, not kept until someone runs
`clearsessions`. The schedule rides on logins (at most once an hour, as a background task), so
no separate timer is needed; production may also run `manage.py clearsessions` from cron."""

from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

SESSION_SWEEP_INTERVAL = 3600  # seconds between two sweeps


@task()
def clear_expired_sessions():
    """Delete every session row past its expiry date; return how many went."""
    deleted, _per_model = Session.objects.filter(expire_date__lte=timezone.now()).delete()
    return deleted


@receiver(user_logged_in)
def sweep_expired_sessions_now_and_then(sender, **kwargs):
    # cache.add succeeds for one caller per interval, so concurrent logins enqueue one sweep.
    if cache.add("tasharuk:housekeeping:sessions", 1, SESSION_SWEEP_INTERVAL):
        clear_expired_sessions.enqueue()
