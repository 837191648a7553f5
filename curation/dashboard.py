"""The curators' dashboard: a panel on the admin home page with what needs curators today.

Submissions waiting for review, open suggestions and problem reports, broken links, searches
that found nothing this week and overdue reviews: each a count that links to its queue, beside
a bar as long as the queue (the longest queue fills the bar), so the biggest pile shows at a
glance. A row shows only to users who may open that queue (the queue's own permission), and the
panel only when at least one row does.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.permissions import page_permission_policy

from community import problem_reports, suggestions
from community.models import Submission
from search.models import ZeroResultQuery

from . import reviews
from .gaps import bars
from .models import LinkHealth
from .views.base import CURATION_PERMISSION

WEEK = timedelta(days=7)
BAR_WIDTH = 120  # the longest queue's bar, in pixels


@dataclass
class Row:
    """One queue on the dashboard: how many items wait in it, said in words, and its link."""

    key: str
    count: int
    text: str
    url: str
    urgent: str = ""


def submissions_waiting():
    """Members' submissions whose draft page is in review (not sent back for changes)."""
    pages = Submission.objects.filter(page__isnull=False, page__live=False).values_list(
        "page_id", flat=True
    )
    return (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page) for page in pages],
        )
        .values("object_id")
        .distinct()
        .count()
    )


def broken_links():
    return LinkHealth.objects.filter(state=LinkHealth.BROKEN).count()


def zero_result_queries(today=None):
    """Distinct queries (per language) that found nothing in the last seven days."""
    today = today or timezone.localdate()
    return (
        ZeroResultQuery.objects.filter(day__gt=today - WEEK, day__lte=today)
        .values("query", "locale")
        .distinct()
        .count()
    )


def _submissions():
    count = submissions_waiting()
    text = ngettext(
        "%(count)s submission waiting for review", "%(count)s submissions waiting for review", count
    )
    return Row(
        "submissions", count, text % {"count": count}, reverse("wagtailadmin_reports:workflow")
    )


def _suggestions():
    count = suggestions.pending_count()
    text = ngettext("%(count)s suggestion waiting", "%(count)s suggestions waiting", count)
    return Row("suggestions", count, text % {"count": count}, reverse("curation_suggestions"))


def _problem_reports():
    count, urgent = problem_reports.open_counts()
    text = ngettext("%(count)s open problem report", "%(count)s open problem reports", count)
    urgent_text = ""
    if urgent:
        urgent_text = ngettext(
            "%(count)s unsafe or harmful", "%(count)s unsafe or harmful", urgent
        ) % {"count": urgent}
    return Row(
        "problem_reports",
        count,
        text % {"count": count},
        reverse("curation_problem_reports"),
        urgent_text,
    )


def _broken_links():
    count = broken_links()
    text = ngettext("%(count)s broken link", "%(count)s broken links", count)
    url = f"{reverse('curation_links')}?{urlencode({'state': LinkHealth.BROKEN})}"
    return Row("broken_links", count, text % {"count": count}, url)


def _zero_result_searches():
    today = timezone.localdate()
    count = zero_result_queries(today)
    text = ngettext(
        "%(count)s search found nothing this week",
        "%(count)s searches found nothing this week",
        count,
    )
    period = {"start": (today - WEEK + timedelta(days=1)).isoformat(), "end": today.isoformat()}
    url = f"{reverse('curation_gaps')}?{urlencode(period)}"
    return Row("zero_result_searches", count, text % {"count": count}, url)


def _overdue_reviews():
    count = reviews.review_queue().count()
    text = ngettext("%(count)s review overdue", "%(count)s reviews overdue", count)
    return Row("overdue_reviews", count, text % {"count": count}, reverse("curation_reviews"))


def _curates(user):
    return user.has_perm(CURATION_PERMISSION)


def _reviews_submissions(user):
    """A curator who may also open Wagtail's workflow report (it lists pages, so it asks for a
    page permission as well)."""
    return _curates(user) and page_permission_policy.user_has_any_permission(
        user, ["add", "change", "publish"]
    )


# Each queue with who may open its screen, in the order curators work through them.
QUEUES = [
    (_submissions, _reviews_submissions),
    (_suggestions, _curates),
    (_problem_reports, _curates),
    (_broken_links, _curates),
    (_zero_result_searches, _curates),
    (_overdue_reviews, _curates),
]


def rows_for(user):
    """The dashboard's rows `user` may see (counted only for them)."""
    return [build() for build, may_open in QUEUES if may_open(user)]


class CuratorsDashboardPanel(Component):
    name = "curation_dashboard"
    order = 90  # above Wagtail's own panels: what needs doing comes first
    template_name = "curation/dashboard_panel.html"

    class Media:
        css = {"all": ["curation/admin.css"]}

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        drawn = bars(
            [(row, row.count) for row in self.rows], width=BAR_WIDTH, rtl=get_language_bidi()
        )
        return {
            "rows": [{"row": bar["label"], "x": bar["x"], "w": bar["w"]} for bar in drawn],
            "bar_width": BAR_WIDTH,
            "title": _("Needs curators today"),
        }


def add_dashboard_panel(request, panels):
    """construct_homepage_panels hook (registered in wagtail_hooks)."""
    rows = rows_for(request.user)
    if rows:
        panels.append(CuratorsDashboardPanel(rows))
