"""Feeds discovery: every RSS and Atom feed the site offers in the requested language."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Router
from wagtail.models import Locale

from library import services as library

from .. import members, schemas
from ..params import parse

router = Router()
MAX_COLLECTION_FEEDS = 100


def _feed(kind, key, title, name, *args):
    return {
        "kind": kind,
        "key": key,
        "title": title,
        "rss": reverse(f"api_feed_{name}", args=[*args, "rss"]),
        "atom": reverse(f"api_feed_{name}", args=[*args, "atom"]),
    }


@router.get(
    "",
    response={200: schemas.FeedList, 400: schemas.Error},
    summary="The RSS 2.0 and Atom feeds in that language: latest, per category, per public "
    "collection (the newest hundred), and a search feed (add q and filters to its URLs).",
    operation_id="list_feeds",
    url_name="feeds",
)
def list_feeds(request, locale: schemas.LocaleParam = None):
    params = parse(request)
    with override(params.locale):
        results = [_feed("latest", "", _("Latest resources"), "latest")]
        results += [
            _feed("category", category.slug, category.title, "category", category.slug)
            for category in library.categories_with_counts(
                Locale.objects.get(language_code=params.locale)
            )
        ]
        results += [
            _feed("collection", str(collection.pk), collection.name, "collection", collection.pk)
            for collection in members.public_collections()[:MAX_COLLECTION_FEEDS]
        ]
        results.append(_feed("search", "", _("Search results"), "search"))
    return {"count": len(results), "results": results}
