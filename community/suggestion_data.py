"""Suggestions, problem reports and volunteer translations in “Download my data” and
“Delete my account” (the users/ registries)."""

from django.db import transaction


def export_suggestions(user):
    from .models import Suggestion

    return [
        {
            "resource": str(s.translation_key),
            "proposed": s.changes,
            "values_when_proposed": s.original,
            "reason": s.reason,
            "status": s.status,
            "curator_reason": s.decision_note,
            "proposed_at": s.created_at.isoformat(),
            "decided_at": s.decided_at.isoformat() if s.decided_at else None,
        }
        for s in Suggestion.objects.filter(member=user).order_by("pk")
    ]


def export_problem_reports(user):
    from .models import ProblemReport

    return [
        {
            "resource": str(r.translation_key),
            "problem": r.kind,
            "details": r.details,
            "status": r.status,
            "curator_note": r.decision_note,
            "reported_at": r.created_at.isoformat(),
        }
        for r in ProblemReport.objects.filter(member=user).order_by("pk")
    ]


def export_translations(user):
    from .models import VolunteerTranslation

    return [
        {
            "resource": str(t.translation_key),
            "language": t.language,
            "title": t.title,
            "summary": t.summary,
            "status": t.status,
            "proposed_at": t.created_at.isoformat(),
            "published_at": t.published_at.isoformat() if t.published_at else None,
        }
        for t in VolunteerTranslation.objects.filter(member=user).order_by("pk")
    ]


def handle_account_deletion(user, mode):
    """DELETE removes the member's suggestions, reports and translation records (pending ones
    leave the curators' queues with them); ANONYMISE keeps them without the member. What a
    curator or translator already published belongs to the library either way."""
    from users import deletion

    from .models import ProblemReport, Suggestion, VolunteerTranslation

    with transaction.atomic():
        for model in (Suggestion, ProblemReport, VolunteerTranslation):
            rows = model.objects.filter(member=user)
            if mode == deletion.DELETE:
                rows.delete()
            else:
                rows.update(member=None)


def register():
    try:
        from users import data_export, deletion
    except ImportError:  # the accounts app is not installed
        return
    data_export.register("suggestions", export_suggestions)
    data_export.register("problem_reports", export_problem_reports)
    data_export.register("volunteer_translations", export_translations)
    deletion.register(handle_account_deletion)
