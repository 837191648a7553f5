"""Resource streams: the latest resources of the library, a category, a public collection or a
search, in one language. Feeds and the embeddable widget both show a stream.

A stream only composes the apps' services (library listing, search gateway, public
collections through api.members); a private collection is never a stream.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from library import services as library
from search import services as search

from . import members, tool_warnings

FEED_SIZE = 20


class StreamNotFound(LookupError):
    """No such category or public collection."""


class StreamError(ValueError):
    """Malformed stream parameters; the message is the reason."""


@dataclass
class Stream:
    kind: str  # latest, category, collection or search
    locale: str
    key: str = ""  # category slug, collection id or the query
    title: str = ""
    link: str = ""  # the page on Tasharuk that shows the same resources
    filters: dict = field(default_factory=dict)
    collection: object = None

    def feed_url(self, feed_format):
        """This stream's RSS ("rss") or Atom ("atom") feed, path only."""
        with override(self.locale):
            if self.kind == "latest":
                return reverse("api_feed_latest", args=[feed_format])
            if self.kind == "category":
                return reverse("api_feed_category", args=[self.key, feed_format])
            if self.kind == "collection":
                return reverse("api_feed_collection", args=[self.key, feed_format])
            query = search_query_string(self.key, self.filters)
            return reverse("api_feed_search", args=[feed_format]) + (f"?{query}" if query else "")

    def items(self, count=FEED_SIZE):
        """Up to `count` resources in the public item shape, newest first (a collection: in
        its own order), each with "published" and "updated" datetimes."""
        if self.kind in ("latest", "category"):
            _total, keys = library.latest_works(self.filters, 0, count)
            found = search.resource_items(keys, self.locale)
            items = [found[key] for key in keys if key in found]
        elif self.kind == "collection":
            keys = [key for key, _position in members.collection_entries(self.collection)]
            found = search.resource_items(keys, self.locale)
            items = [found[key] for key in keys if key in found][:count]
        else:
            response = search.search(
                self.key,
                self.locale,
                self.filters,
                "newest",
                1,
                count,
                count_zero_results=False,
            )
            items = response["results"]
            for item in items:
                item.pop("highlight", None)
        tool_warnings.attach(items, self.locale)
        dates = library.publication_dates([item["id"] for item in items])
        for item in items:
            item["published"], item["updated"] = dates.get(item["id"], (None, None))
        return items


def search_query_string(query, filters):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    if query:
        data["q"] = query
    for facet, values in sorted(filters.items()):
        data.setlist(facet, values)
    return data.urlencode()


def latest(locale):
    with override(locale):
        return Stream("latest", locale, title=_("Latest resources"), link=reverse("search"))


def for_category(slug, locale):
    category = library.live_category(slug, locale)
    if category is None:
        raise StreamNotFound(slug)
    return Stream(
        "category",
        locale,
        key=category.slug,
        title=category.title,
        link=category.url,
        filters={"category": [category.slug]},
    )


def for_collection(pk, locale):
    collection = members.public_collection(pk)
    if collection is None:
        raise StreamNotFound(pk)
    with override(locale):
        link = reverse("community_collection", args=[collection.pk])
    return Stream(
        "collection",
        locale,
        key=str(collection.pk),
        title=collection.name,
        link=link,
        collection=collection,
    )


def for_search(data, locale):
    """A search stream from a query string (q and facet filters; locale comes from the URL)."""
    data = data.copy()
    for ignored in ("locale", "sort", "page", "page_size"):
        data.pop(ignored, None)
    try:
        params = search.parse_params(data, default_locale=locale)
    except search.SearchParameterError as error:
        raise StreamError(str(error)) from None
    with override(locale):
        if params.query:
            title = _("Search: %(query)s") % {"query": params.query}
        else:
            title = _("Search results")
        query = search_query_string(params.query, params.filters)
        link = reverse("search") + (f"?{query}" if query else "")
    return Stream(
        "search", locale, key=params.query, title=title, link=link, filters=params.filters
    )
