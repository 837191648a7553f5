"""Currency: resources no curator has reviewed for a while (security advice goes stale even
when its link still works)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone


def review_due_before(days=None):
    """The date before which a review counts as overdue."""
    days = settings.TASHARUK_CURATION["REVIEW_AFTER_DAYS"] if days is None else days
    return timezone.localdate() - timedelta(days=days)


def review_queue(days=None, category=None):
    """Published resources of the default language (one per work) never reviewed or last
    reviewed more than `days` ago, the longest-waiting first."""
    from library.models import ResourcePage
    from library.services import default_locale

    due = review_due_before(days)
    pages = ResourcePage.objects.live().filter(locale=default_locale())
    if category is not None:
        pages = pages.filter(categories=category)
    return pages.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=due)).order_by(
        F("last_reviewed").asc(nulls_first=True), "first_published_at", "id"
    )
