"""Members report problems with a resource (a broken link, outdated advice, an unsafe tool, a
wrong translation, spam or harm). Unsafe and harmful reports come first in the curators'
queue; a member has at most one open report per resource."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ProblemReport


class AlreadyReported(Exception):
    """The member already has an open report on this resource; `report` is it."""

    def __init__(self, report):
        super().__init__("already reported")
        self.report = report


def open_report(member, translation_key):
    return ProblemReport.objects.filter(
        member=member, translation_key=translation_key, status=ProblemReport.OPEN
    ).first()


def report_problem(member, translation_key, kind, details="", language=""):
    """Record the report; raise AlreadyReported when the member has one open on this resource
    (the database's partial unique index decides, so two quick clicks cannot make two)."""
    if kind not in dict(ProblemReport.KIND_CHOICES):
        raise ValueError(kind)
    try:
        with transaction.atomic():
            return ProblemReport.objects.create(
                member=member,
                translation_key=translation_key,
                kind=kind,
                details=(details or "").strip()[:2000],
                language=language,
            )
    except IntegrityError:
        raise AlreadyReported(open_report(member, translation_key)) from None


def curator_queue():
    """Open reports, unsafe and harmful ones first, then the oldest."""
    return ProblemReport.objects.filter(status=ProblemReport.OPEN).order_by(
        "-urgent", "created_at", "id"
    )


def open_counts():
    """(open reports, of which urgent) for the dashboard."""
    queue = ProblemReport.objects.filter(status=ProblemReport.OPEN)
    return queue.count(), queue.filter(urgent=True).count()


def close_report(report, status, note=""):
    """Mark the report resolved or dismissed with the curator's note (the member sees it)."""
    if status not in (ProblemReport.RESOLVED, ProblemReport.DISMISSED):
        raise ValueError(status)
    updated = ProblemReport.objects.filter(pk=report.pk, status=ProblemReport.OPEN).update(
        status=status, decision_note=(note or "")[:500], decided_at=timezone.now()
    )
    return bool(updated)
