"""The personal library: members' collections of resources, each item with a personal note.

Every function that changes a collection takes the acting member and refuses (Http404, so
nobody learns that a private collection exists) when the collection is not theirs or one they
co-edit (see community.sharing).
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library.models import ResourcePage
from library.visibility import listed

from . import sharing
from .models import Collection, CollectionActivity, CollectionItem


def default_collection(user):
    """The member's “My library” collection, created on first use."""
    collection = Collection.objects.filter(owner=user, is_default=True).first()
    if collection is not None:
        return collection
    try:
        with transaction.atomic():
            return Collection.objects.create(owner=user, name=_("My library"), is_default=True)
    except IntegrityError:  # created by a concurrent request
        return Collection.objects.get(owner=user, is_default=True)


def own_collection(user, pk):
    """The member's collection `pk`; Http404 for anyone else's or a missing one."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Collection.objects.get(pk=pk, owner=user)
    except (Collection.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def shared_collections():
    """Collections anyone may see: public ones of active members. The one rule the collection
    page, short links, the API, feeds and widget share (a deactivated member's collections
    disappear everywhere at once, as the member does)."""
    return Collection.objects.filter(is_public=True, owner__is_active=True)


def is_shared(collection):
    """True when `collection` passes shared_collections()'s rule."""
    return collection.is_public and collection.owner.is_active


def visible_collection(user, pk):
    """Collection `pk` if anyone may see it (shared_collections), or the viewer owns or
    co-edits it; Http404 otherwise."""
    try:
        collection = Collection.objects.select_related("owner").get(pk=pk)
    except (Collection.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if is_shared(collection) or sharing.is_editor(user, collection):
        return collection
    raise Http404


def live_resource(translation_key, language=None):
    """The live translation of a resource in `language` (the active one by default), falling
    back to any live translation; None when the resource is not published."""
    language = language or get_language()
    pages = ResourcePage.objects.live().filter(translation_key=translation_key)
    return pages.filter(locale__language_code=language).first() or pages.order_by("pk").first()


def listed_resource(translation_key, language=None):
    """Like `live_resource`, but only a resource the public may see listed (no view restriction
    on it, its translation or an ancestor; see library.visibility): for public pages and links
    that name the resource to anyone."""
    language = language or get_language()
    pages = listed(ResourcePage.objects.filter(translation_key=translation_key))
    return pages.filter(locale__language_code=language).first() or pages.order_by("pk").first()


def save_resource(user, translation_key, collection=None, note=""):
    """Add the resource to `collection` (default: “My library”) at the end, credited to `user`
    (its owner or a co-editor); saving it again keeps the existing item. Return (item, created)."""
    if live_resource(translation_key) is None:
        raise Http404
    if collection is None:
        collection = default_collection(user)
    elif not sharing.is_editor(user, collection):
        raise Http404
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        last = collection.items.aggregate(last=Max("position"))["last"]
        item, created = CollectionItem.objects.get_or_create(
            collection=collection,
            translation_key=translation_key,
            defaults={
                "note": note,
                "position": 0 if last is None else last + 1,
                "added_by": user,
            },
        )
        if created:
            Collection.objects.filter(pk=collection.pk).update(updated_at=item.added_at)
            sharing.record(collection, user, CollectionActivity.ADDED, translation_key)
    return item, created


def items_with_resources(collection, language=None):
    """The collection's items in order, each with `.resource` (listed page in the reader's
    language) — items whose resource is no longer published, or is behind a view
    restriction (library.visibility), are left out."""
    items = list(collection.items.select_related("added_by"))
    keys = [item.translation_key for item in items]
    language = language or get_language()
    pages = {}
    for page in (
        listed(ResourcePage.objects.filter(translation_key__in=keys))
        .select_related("locale")
        .order_by("pk")
    ):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    for item in items:
        item.resource = pages.get(item.translation_key)
    return [item for item in items if item.resource is not None]


def own_item(user, pk):
    try:
        return CollectionItem.objects.select_related("collection").get(
            pk=pk, collection__owner=user
        )
    except (CollectionItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@transaction.atomic
def move_item(item, direction):
    """Swap the item with its neighbour: direction -1 (up) or +1 (down)."""
    siblings = list(
        CollectionItem.objects.select_for_update().filter(collection=item.collection_id)
    )
    siblings.sort(key=lambda i: (i.position, i.pk))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + direction
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            CollectionItem.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def transfer_item(item, destination):
    """Move the item to another of the owner's collections (keeping its note)."""
    if destination.owner_id != item.collection.owner_id:
        raise Http404
    if destination.pk == item.collection_id:
        return item
    existing = destination.items.filter(translation_key=item.translation_key).first()
    if existing is not None:
        if item.note and not existing.note:
            existing.note = item.note
            existing.save(update_fields=["note"])
        item.delete()
        return existing
    last = destination.items.aggregate(last=Max("position"))["last"]
    item.collection = destination
    item.position = 0 if last is None else last + 1
    item.save(update_fields=["collection", "position"])
    return item


def public_collections(user):
    return shared_collections().filter(owner=user).order_by("name", "pk")
