"""Shared collections, follows and digest choices in “Download my data” and “Delete my
account” (the users/ registries), beside community/member_data.py."""

from django.db import transaction


def export_collection_roles(user):
    """Invitations the member received and how they stand (editor, declined, left…)."""
    from .models import CollectionEditor

    return [
        {
            "collection": row.collection.name,
            "collection_id": row.collection_id,
            "status": row.status,
            "invited_at": row.invited_at.isoformat(),
            "answered_at": row.answered_at.isoformat() if row.answered_at else None,
        }
        for row in CollectionEditor.objects.filter(member=user)
        .select_related("collection")
        .order_by("pk")
    ]


def export_invitations_sent(user):
    """Who the member invited to their own collections (usernames they typed)."""
    from .models import CollectionEditor

    return [
        {
            "collection": row.collection.name,
            "member": row.member.username,
            "status": row.status,
            "invited_at": row.invited_at.isoformat(),
        }
        for row in CollectionEditor.objects.filter(collection__owner=user)
        .select_related("collection", "member")
        .order_by("pk")
    ]


def export_items_added_to_shared(user):
    """Resources the member added to collections other members own."""
    from .models import CollectionItem

    return [
        {
            "collection": item.collection.name,
            "resource": str(item.translation_key),
            "added_at": item.added_at.isoformat(),
        }
        for item in CollectionItem.objects.filter(added_by=user)
        .exclude(collection__owner=user)
        .select_related("collection")
        .order_by("pk")
    ]


def export_follows(user):
    from .models import Follow

    return [
        {
            "kind": follow.kind,
            "target": follow.target,
            "name": follow.label,
            "since": follow.created_at.isoformat(),
        }
        for follow in Follow.objects.filter(member=user).order_by("pk")
    ]


def export_member_choices(user):
    from .models import MemberChoices

    choices = MemberChoices.objects.filter(member=user).first()
    if choices is None:
        return {"digest": MemberChoices.NEVER, "accepts_invitations": True}
    return {
        "digest": choices.frequency,
        "digest_language": choices.language,
        "accepts_invitations": choices.accepts_invitations,
        "last_digest_at": choices.last_sent_at.isoformat() if choices.last_sent_at else None,
        "new_for_you_seen_at": choices.seen_at.isoformat() if choices.seen_at else None,
    }


def handle_account_deletion(user, mode):
    """Follows, choices and invitations are personal: they always go. Resources the member
    added to other members' collections are removed with “delete”, and kept without their
    name with “keep” (added_by and activity lines are emptied when the user row goes)."""
    from users import deletion

    from .models import CollectionActivity, CollectionEditor, CollectionItem, Follow, MemberChoices

    with transaction.atomic():
        Follow.objects.filter(member=user).delete()
        MemberChoices.objects.filter(member=user).delete()
        CollectionEditor.objects.filter(member=user).delete()
        if mode == deletion.DELETE:
            CollectionItem.objects.filter(added_by=user).exclude(collection__owner=user).delete()
            CollectionActivity.objects.filter(actor=user).delete()
        else:
            CollectionItem.objects.filter(added_by=user).update(added_by=None)
            CollectionActivity.objects.filter(actor=user).update(actor=None)


def register():
    try:
        from users import data_export, deletion
    except ImportError:  # the accounts app is not installed
        return
    data_export.register("collection_invitations_received", export_collection_roles)
    data_export.register("collection_invitations_sent", export_invitations_sent)
    data_export.register("items_added_to_shared_collections", export_items_added_to_shared)
    data_export.register("follows", export_follows)
    data_export.register("digest_and_invitation_choices", export_member_choices)
    deletion.register(handle_account_deletion)
