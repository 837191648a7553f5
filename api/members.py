"""The one door from the open API, feeds and widget to members' public collections.

Collections are member data: only public collections of active members pass this door, never
personal notes, and the owner is named only as the member's privacy choices allow. Every other
module of api/ reaches collections through these functions.
"""

from django.db.models import Max

from community.collections import shared_collections
from community.models import Rating


def public_collections():
    """Public collections of active members, newest first."""
    return shared_collections().select_related("owner").order_by("-created_at", "-pk")


def public_collection(pk):
    """The public collection with this id, or None (private, unknown or a deactivated owner)."""
    return public_collections().filter(pk=pk).first()


def owner_name(user):
    """How the API, feeds and widget name a collection's owner: the site's one rule
    (users.public_identity), so nothing unless the member shows their collections."""
    from users.public_identity import COLLECTION, public_name

    return public_name(user, COLLECTION)


def collection_entries(collection):
    """(translation key, position) of the collection's items in order — never the notes."""
    return list(
        collection.items.order_by("position", "pk").values_list("translation_key", "position")
    )


def latest_rating_change():
    """When a member last rated a resource (None when nobody has)."""
    return Rating.objects.aggregate(t=Max("updated_at"))["t"]
