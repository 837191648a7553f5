"""Members' public collections other pages show (the home page's "Member collections").

Collections cannot be featured by curators yet, so the home page shows the most recently
updated public collections of active members that hold at least one live resource. Owners are
named only by the site's one rule (users.public_identity)."""

from django import template
from django.db.models import Count, Q

from library.models import ResourcePage
from library.visibility import listed
from users.public_identity import COLLECTION, public_name

from ..models import Collection

register = template.Library()

HOME_COLLECTION_COUNT = 4


def featured_collections(limit=HOME_COLLECTION_COUNT):
    """Public collections of active members with a live resource, most recently updated first,
    each with `resource_count` (listed resources) and `owner_name` (None: not to be named)."""
    live_keys = listed(ResourcePage.objects.all()).values("translation_key")
    collections = (
        Collection.objects.filter(is_public=True, owner__is_active=True)
        .select_related("owner")
        .annotate(
            resource_count=Count(
                "items__translation_key",
                filter=Q(items__translation_key__in=live_keys),
                distinct=True,
            )
        )
        .filter(resource_count__gt=0)
        .order_by("-updated_at", "-pk")[:limit]
    )
    shown = list(collections)
    for collection in shown:
        collection.owner_name = public_name(collection.owner, COLLECTION)
    return shown


@register.inclusion_tag("community/includes/member_collections.html")
def collection_highlights():
    return {"collections": featured_collections()}
