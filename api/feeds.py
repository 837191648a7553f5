"""RSS 2.0 and Atom feeds of resource streams (latest, category, public collection, search) in
the language of the URL prefix (/en/feeds/…, /ar/feeds/…)."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from search.services import category_titles

from . import streams
from .tool_warnings import feed_description
from .xml_text import xml_text


class ResourceFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, stream):
        # One feed object per request (see _serve), so this is not shared between requests.
        self.categories = category_titles(stream.locale)
        return stream

    def title(self, stream):
        return _("%(title)s · Tasharuk") % {"title": stream.title}

    def link(self, stream):
        return stream.link

    def description(self, stream):
        return _("Learning resources from Tasharuk, the library for journalists and activists.")

    subtitle = description

    def feed_url(self, stream):
        return stream.feed_url("atom" if self.feed_type is Atom1Feed else "rss")

    def feed_extra_kwargs(self, stream):
        return {}

    def items(self, stream):
        return stream.items()

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return feed_description(item)

    def item_link(self, item):
        return item["url"]

    def item_guid(self, item):
        return item["url"]

    def item_pubdate(self, item):
        return item["published"]

    def item_updateddate(self, item):
        return item["updated"]

    def item_categories(self, item):
        return [self.categories.get(slug, slug) for slug in item["categories"]]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.locale
        # Everything the feed writes out, in one place: queries and titles may hold
        # characters XML 1.0 forbids, and one of them would break the whole document.
        feed.feed = xml_text(feed.feed)
        feed.items = [xml_text(item) for item in feed.items]
        return feed


class AtomResourceFeed(ResourceFeed):
    feed_type = Atom1Feed


FEEDS = {"rss": ResourceFeed, "atom": AtomResourceFeed}


def _serve(request, feed_format, build):
    try:
        stream = build(get_language())
    except streams.StreamNotFound:
        raise Http404(_("There is no such feed.")) from None
    except streams.StreamError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return FEEDS[feed_format]()(request, stream=stream)


def latest_feed(request, feed_format):
    return _serve(request, feed_format, streams.latest)


def category_feed(request, slug, feed_format):
    return _serve(request, feed_format, lambda locale: streams.for_category(slug, locale))


def collection_feed(request, pk, feed_format):
    return _serve(request, feed_format, lambda locale: streams.for_collection(pk, locale))


def search_feed(request, feed_format):
    return _serve(request, feed_format, lambda locale: streams.for_search(request.GET, locale))
