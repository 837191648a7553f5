"""The training programs other pages show (the home page's "Training programs" section).

A template tag rather than a call from home/: programs already builds on home (its index lives
under the home page), so home reaching into programs would make the two apps import each other.
"""

from django import template
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Locale

from library.visibility import listed

from ..models import ProgramIndexPage, ProgramPage

register = template.Library()

HOME_PROGRAM_COUNT = 3


def current_programs(locale, today=None, limit=HOME_PROGRAM_COUNT):
    """Live, public programs of `locale` that have not ended, soonest start first (programs
    without dates last). Listed only as library.visibility allows (live, public, parents live)."""
    today = today or timezone.localdate()
    programs = (
        listed(ProgramPage.objects.all())
        .filter(locale=locale)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by(F("starts_on").asc(nulls_last=True), "pk")
    )
    return list(programs[:limit])


@register.inclusion_tag("programs/includes/current_programs.html")
def program_highlights():
    """The current programs of the active language, with a link to all programs."""
    locale = Locale.get_active()
    return {
        "programs": current_programs(locale),
        # By id, not the tree's path: ORDER BY path walks every resource page first (~90 ms
        # at 100,000 resources) before it meets the index, which comes after the library.
        "index": ProgramIndexPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("pk")
        .first(),
    }
