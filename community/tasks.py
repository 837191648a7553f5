"""Members' background work as Django tasks (see curation/tasks.py for how tasks run)."""

from django_tasks import task


@task()
def send_digests(now=None):
    """Send the daily and weekly digests that are due (at `now`, an ISO date-time, for tests
    and catch-up runs); returns how many e-mails went out."""
    from django.utils.dateparse import parse_datetime

    from .digests import send_due_digests

    return send_due_digests(parse_datetime(now) if now else None)
