"""“Curated by members”: public collections curators feature on the home page and on category
pages. A feature needs no upkeep: a collection made private, or emptied, drops out by itself.
"""

from django.db.models import Count, Q
from django.template.loader import render_to_string

from library import services as library_services
from users.public_identity import COLLECTION, public_name

from .models import Collection

SHOWN = 6
INCLUDE_TEMPLATE = "community/includes/featured_collections.html"


def featured_collections(category=None, limit=SHOWN):
    """Featured public collections with at least one item, newest feature first: those for the
    home page, or with `category` (a CategoryPage in any language) those for that category.
    Each has `item_count` and `curator` (the owner's public name, or None)."""
    chosen = Q(feature__isnull=False, is_public=True)
    if category is None:
        chosen &= Q(feature__on_home_page=True)
    else:
        chosen &= Q(feature__categories=library_services.source_category(category))
    collections = list(
        Collection.objects.filter(chosen)
        .select_related("owner")
        .annotate(item_count=Count("items", distinct=True))
        .filter(item_count__gt=0)
        .order_by("-feature__featured_at", "-pk")[:limit]
    )
    for collection in collections:
        collection.curator = public_name(collection.owner, COLLECTION)
    return collections


def render_featured(request, category=None):
    """The “Curated by members” section's HTML (empty when nothing is featured there)."""
    collections = featured_collections(category)
    if not collections:
        return ""
    return render_to_string(INCLUDE_TEMPLATE, {"featured_collections": collections}, request)


def render_category_notice(context, page):
    """Under a category page's introduction: “Follow this category” and the collections
    featured for it. Signed-out visitors get a sign-in link, not a form, so the page stays
    cacheable for them (tasharuk/public_responses.py)."""
    from .following import follow_button

    request = context.get("request")
    if request is None:
        return ""
    return render_to_string(
        "community/includes/category_extras.html",
        {
            "follow": follow_button(request.user, "category", page),
            "featured_collections": featured_collections(page),
        },
        request,
    )


def register():
    from library import resource_extensions

    resource_extensions.add_category_notice(render_category_notice)
