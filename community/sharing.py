"""Shared collections: the owner invites co-editors by username, invitees accept or decline on
their own page, editors leave and owners remove them; a short activity list says who did what.

Who may change a collection is decided here and nowhere else (`editable_collection`,
`editable_item`): its owner and its active editors. Anyone else gets Http404, so a private
collection's existence is not revealed — except a former editor, who already knew it and is
told plainly that they no longer edit it (`NotAnEditor`).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from users.public_identity import COLLECTION, public_name

from .models import Collection, CollectionActivity, CollectionEditor, CollectionItem
from .models.choices import MemberChoices

ACTIVITY_KEPT = 30  # lines of activity kept per collection; older ones are deleted
ACTIVITY_SHOWN = 12


class SharingRefused(Exception):
    """A sharing action that cannot be done; the message (translated) says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotAnEditor(SharingRefused):
    """A former editor tried to change a collection they no longer edit."""


def _editor_row(user, collection):
    if not user.is_authenticated:
        return None
    return CollectionEditor.objects.filter(collection=collection, member=user).first()


def is_editor(user, collection):
    """True for the owner and for active editors."""
    if not user.is_authenticated:
        return False
    if collection.owner_id == user.pk:
        return True
    return CollectionEditor.objects.filter(
        collection=collection, member=user, status=CollectionEditor.ACTIVE
    ).exists()


def _refuse_former_editor(user, collection):
    row = _editor_row(user, collection)
    if row is not None and row.status in (CollectionEditor.LEFT, CollectionEditor.REMOVED):
        raise NotAnEditor(
            _("You are no longer an editor of “%(collection)s”, so your change was not saved.")
            % {"collection": collection.name}
        )
    raise Http404


def editable_collection(user, pk, lock=False):
    """Collection `pk` if `user` owns or co-edits it. A former editor gets NotAnEditor;
    anyone else Http404. `lock` takes a row lock, so a removal cannot race an edit."""
    if not user.is_authenticated:
        raise Http404
    queryset = Collection.objects.select_for_update() if lock else Collection.objects
    try:
        collection = queryset.get(pk=pk)
    except (Collection.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not is_editor(user, collection):
        _refuse_former_editor(user, collection)
    return collection


def editable_item(user, pk):
    """Item `pk` of a collection `user` owns or co-edits (same refusals as above)."""
    try:
        item = CollectionItem.objects.select_related("collection").get(pk=pk)
    except (CollectionItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.is_authenticated:
        raise Http404
    if not is_editor(user, item.collection):
        _refuse_former_editor(user, item.collection)
    return item


def record(collection, actor, verb, translation_key=None):
    """Add a line to the collection's activity and forget lines past the last ACTIVITY_KEPT."""
    CollectionActivity.objects.create(
        collection=collection, actor=actor, verb=verb, translation_key=translation_key
    )
    old = CollectionActivity.objects.filter(collection=collection).values_list("pk", flat=True)[
        ACTIVITY_KEPT:
    ]
    CollectionActivity.objects.filter(pk__in=list(old)).delete()


def accepts_invitations(member):
    choices = MemberChoices.objects.filter(member=member).first()
    return choices is None or choices.accepts_invitations


@transaction.atomic
def invite(owner, collection, username):
    """Invite the member called `username` to co-edit `collection` (owner only). A member who
    does not exist, is inactive or accepts no invitations gets one and the same answer, so
    the form cannot be used to find out who is a member."""
    if collection.owner_id != owner.pk:
        raise Http404
    if collection.is_default:
        raise SharingRefused(
            _("“My library” is yours alone. Create a collection to work on with others.")
        )
    username = (username or "").strip().lstrip("@")
    if not username:
        raise SharingRefused(_("Type the username of the member you want to invite."))
    member = (
        get_user_model()
        .objects.filter(username__iexact=username, is_active=True)
        .exclude(pk=owner.pk)
        .first()
    )
    if member is None and username.lower() == owner.username.lower():
        raise SharingRefused(_("You already edit your own collection."))
    if member is None or not accepts_invitations(member):
        raise SharingRefused(
            _("No member called “%(username)s” can be invited. Check the spelling.")
            % {"username": username[:150]}
        )
    row, created = CollectionEditor.objects.select_for_update().get_or_create(
        collection=collection, member=member
    )
    if not created:
        if row.status == CollectionEditor.ACTIVE:
            raise SharingRefused(_("This member already edits the collection."))
        if row.status == CollectionEditor.INVITED:
            raise SharingRefused(_("This member is already invited."))
        if row.status == CollectionEditor.DECLINED:
            raise SharingRefused(
                _("This member declined an earlier invitation; it cannot be sent again.")
            )
        # A former editor may be invited back.
        row.status, row.answered_at, row.invited_at = (
            CollectionEditor.INVITED,
            None,
            timezone.now(),
        )
        row.save(update_fields=["status", "answered_at", "invited_at"])
    record(collection, owner, CollectionActivity.INVITED)
    return row


def pending_invitations(user):
    """Invitations waiting for `user`'s answer, newest first."""
    return (
        CollectionEditor.objects.filter(member=user, status=CollectionEditor.INVITED)
        .select_related("collection", "collection__owner")
        .order_by("-invited_at")
    )


def shared_with(user):
    """Collections `user` co-edits (not owns)."""
    return Collection.objects.filter(
        editors__member=user, editors__status=CollectionEditor.ACTIVE
    ).order_by("name", "pk")


@transaction.atomic
def answer_invitation(user, pk, accept):
    """Accept or decline `user`'s invitation `pk`; an answered or withdrawn one is refused."""
    try:
        row = CollectionEditor.objects.select_for_update().get(pk=pk, member=user)
    except (CollectionEditor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if row.status != CollectionEditor.INVITED:
        raise SharingRefused(_("This invitation was already answered or withdrawn."))
    row.status = CollectionEditor.ACTIVE if accept else CollectionEditor.DECLINED
    row.answered_at = timezone.now()
    row.save(update_fields=["status", "answered_at"])
    verb = CollectionActivity.JOINED if accept else CollectionActivity.DECLINED
    record(row.collection, user, verb)
    return row


@transaction.atomic
def leave(user, collection):
    """`user` stops editing `collection`; their items stay, still credited to them."""
    row = _editor_row(user, collection)
    if row is None or row.status != CollectionEditor.ACTIVE:
        raise SharingRefused(_("You are not an editor of this collection."))
    row.status, row.answered_at = CollectionEditor.LEFT, timezone.now()
    row.save(update_fields=["status", "answered_at"])
    record(collection, user, CollectionActivity.LEFT)


@transaction.atomic
def remove_editor(owner, collection, row_pk):
    """The owner removes an editor or withdraws an invitation."""
    if collection.owner_id != owner.pk:
        raise Http404
    try:
        row = CollectionEditor.objects.select_for_update().get(pk=row_pk, collection=collection)
    except (CollectionEditor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if row.status == CollectionEditor.INVITED:
        row.delete()  # a withdrawn invitation leaves nothing behind
        return
    if row.status != CollectionEditor.ACTIVE:
        raise SharingRefused(_("This member is not an editor any more."))
    row.status, row.answered_at = CollectionEditor.REMOVED, timezone.now()
    row.save(update_fields=["status", "answered_at"])
    record(collection, owner, CollectionActivity.REMOVED_EDITOR)


def editors_of(collection):
    """The collection's active editors and open invitations, for the owner's sharing page."""
    return (
        CollectionEditor.objects.filter(
            collection=collection,
            status__in=[CollectionEditor.ACTIVE, CollectionEditor.INVITED],
        )
        .select_related("member")
        .order_by("status", "invited_at")
    )


def name_for(member, viewer):
    """How `member` is named to `viewer` beside a collection: “you”, their public name, or
    “a member” (the public_name rule for collections)."""
    if member is None:
        return _("a former member")
    if viewer is not None and viewer.is_authenticated and member.pk == viewer.pk:
        return _("you")
    return public_name(member, COLLECTION) or _("a member")


def activity(collection, viewer, limit=ACTIVITY_SHOWN):
    """The latest activity lines, each with `.who` named for `viewer`."""
    lines = list(collection.activity.select_related("actor")[:limit])
    for line in lines:
        line.who = name_for(line.actor, viewer)
    return lines


def is_shared(collection):
    return CollectionEditor.objects.filter(
        collection=collection, status=CollectionEditor.ACTIVE
    ).exists()


def editable_collections(user):
    """Collections `user` may add to: their own, then those they co-edit."""
    own = list(Collection.objects.filter(owner=user))
    return own + list(shared_with(user))
