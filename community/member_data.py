"""Members' contributions in “Download my data” and “Delete my account” (users/ registries)."""

from django.db import transaction


def export_ratings(user):
    from .models import Rating

    return [
        {
            "resource": str(r.translation_key),
            "stars": r.stars,
            "updated_at": r.updated_at.isoformat(),
        }
        for r in Rating.objects.filter(user=user).order_by("pk")
    ]


def export_comments(user):
    from .models import Comment

    return [
        {
            "resource": str(c.translation_key),
            "text": c.body,
            "status": c.status,
            "written_at": c.created_at.isoformat(),
            "edited_at": c.edited_at.isoformat() if c.edited_at else None,
        }
        for c in Comment.objects.filter(author=user).order_by("pk")
    ]


def export_collections(user):
    from .models import Collection

    return [
        {
            "name": c.name,
            "description": c.description,
            "public": c.is_public,
            "items": [{"resource": str(i.translation_key), "note": i.note} for i in c.items.all()],
        }
        for c in Collection.objects.filter(owner=user).prefetch_related("items").order_by("pk")
    ]


def export_submissions(user):
    from .models import Submission

    return [
        {
            "url": s.source_url,
            "title": s.title,
            "resource": str(s.translation_key),
            "submitted_at": s.created_at.isoformat(),
            "published_at": s.published_at.isoformat() if s.published_at else None,
        }
        for s in Submission.objects.filter(member=user).order_by("pk")
    ]


def export_feedback(user):
    from .models import FeedbackMessage

    return [
        {"message": f.message, "contact": f.contact, "sent_at": f.created_at.isoformat()}
        for f in FeedbackMessage.objects.filter(member=user).order_by("pk")
    ]


def handle_account_deletion(user, mode):
    """Ratings and collections are personal: they always go (ratings leave the aggregates).
    Comments, submissions and feedback are deleted or kept without the member's name."""
    from users import deletion

    from .models import Collection, Comment, FeedbackMessage, Rating, Submission
    from .ratings import remove_rating
    from .submissions import withdraw_pending_submissions

    with transaction.atomic():
        for key in list(Rating.objects.filter(user=user).values_list("translation_key", flat=True)):
            remove_rating(user, key)
        Collection.objects.filter(owner=user).delete()
        if mode == deletion.DELETE:
            # Drafts still waiting for review go with the member, out of the curators' queue.
            withdraw_pending_submissions(user)
            Comment.objects.filter(author=user).delete()
            FeedbackMessage.objects.filter(member=user).delete()
        else:
            Comment.objects.filter(author=user).update(author=None)
            FeedbackMessage.objects.filter(member=user).update(member=None)
        # Submitted resources belong to the library once curators accepted them.
        Submission.objects.filter(member=user).update(member=None)


def register():
    try:
        from users import data_export, deletion
    except ImportError:  # the accounts app is not installed
        return
    data_export.register("ratings", export_ratings)
    data_export.register("comments", export_comments)
    data_export.register("collections", export_collections)
    data_export.register("submissions", export_submissions)
    data_export.register("feedback", export_feedback)
    deletion.register(handle_account_deletion)
