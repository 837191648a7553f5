"""A member's program data in “Download my data” and “Delete my account” (users/ registries)."""

from django.db import transaction


def export_programs(user):
    from .models import Certificate, Enrolment, Post

    enrolments = []
    for e in Enrolment.objects.filter(member=user).prefetch_related("submissions").order_by("pk"):
        certificate = Certificate.objects.filter(enrolment=e).first()
        enrolments.append(
            {
                "program": str(e.program_key),
                "participant_number": e.number,
                "pseudonym": e.pseudonym,
                "country": e.country,
                "enrolled_at": e.enrolled_at.isoformat(),
                "assessments": [
                    {
                        "week": str(s.week_key),
                        "answers": s.answers,
                        "score": s.score,
                        "status": s.status,
                        "mentor_note": s.review_note,
                        "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                    }
                    for s in e.submissions.order_by("pk")
                ],
                "certificate": certificate.code if certificate else None,
            }
        )
    posts = [
        {
            "program": str(p.program_key),
            "week": str(p.week_key),
            "in_reply_to": p.parent_id,
            "id": p.pk,
            "text": p.body,
            "written_at": p.created_at.isoformat(),
        }
        for p in Post.objects.filter(author=user).order_by("pk")
    ]
    return {"enrolments": enrolments, "discussion_posts": posts}


def handle_account_deletion(user, mode):
    """Enrolments, answers and certificates are personal: they always go (statistics keep no
    trace of the member). Discussion posts are deleted, or kept without the member's name."""
    from users import deletion

    from .models import Enrolment, Post

    with transaction.atomic():
        Enrolment.objects.filter(member=user).delete()  # answers and certificates cascade
        if mode == deletion.DELETE:
            posts = Post.objects.filter(author=user)
            # A question others answered stays as an empty, nameless placeholder, so deleting
            # one member's words does not delete everyone else's answers with them.
            posts.filter(replies__isnull=False).update(author=None, body="")
            posts.filter(replies__isnull=True).delete()
        else:
            Post.objects.filter(author=user).update(author=None)


def register():
    try:
        from users import data_export, deletion
    except ImportError:  # the accounts app is not installed
        return
    data_export.register("training_programs", export_programs)
    deletion.register(handle_account_deletion)
