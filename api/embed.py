"""The embeddable resource stream: the builder page (/<lang>/embed/) and the widget
(/<lang>/embed/widget/), a tiny page other sites put in an <iframe>.

Only the widget may be framed by other sites: it replaces the site-wide frame-ancestors 'none'
with * and is exempt from X-Frame-Options. It loads nothing but its own stylesheet.
"""

from csp.decorators import csp_replace
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from library import services as library
from library import vocabularies

from . import members, streams
from .xml_text import xml_text

THEMES = ["light", "dark"]
DEFAULT_COUNT = 5
MAX_COUNT = 20
MAX_BUILDER_COLLECTIONS = 100


def _count(raw):
    try:
        count = int(raw or DEFAULT_COUNT)
    except ValueError:
        return None
    return count if 1 <= count <= MAX_COUNT else None


def stream_from(data, locale):
    """The stream a widget's query string asks for: ?category=slug, ?collection=id, or a
    search (?q= and facet filters); the library's latest resources when none is given."""
    if data.get("category"):
        return streams.for_category(data["category"], locale)
    if data.get("collection"):
        pk = data["collection"]
        if not pk.isdigit() or len(pk) > 12:
            raise streams.StreamNotFound(pk)
        return streams.for_collection(int(pk), locale)
    search = QueryDict(mutable=True)
    for name in ("q", "language", "format", "region", "license"):
        search.setlist(name, data.getlist(name))
    if any(search.values()):
        return streams.for_search(search, locale)
    return streams.latest(locale)


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def widget(request):
    """The widget: the latest resources of a stream, links opening Tasharuk in a new tab."""
    locale = get_language()
    theme = request.GET.get("theme") or "light"
    count = _count(request.GET.get("count"))
    status, stream, items = 200, None, []
    try:
        if theme not in THEMES or count is None:
            raise streams.StreamError("theme/count")
        stream = stream_from(request.GET, locale)
        items = stream.items(count)
    except streams.StreamNotFound:
        status = 404
    except streams.StreamError:
        status = 400
    # What the widget echoes is cleaned as the feeds' is (api.xml_text): the same stream
    # should read the same, and a stray U+FFFE has no business in a page either.
    items = [xml_text(item) for item in items]
    for item in items:
        item["absolute_url"] = request.build_absolute_uri(item["url"])
        item["format_label"] = vocabularies.format_label(item["format"])
    if stream is not None:
        stream.title = xml_text(stream.title)
    context = {
        "stream": stream,
        "items": items,
        "theme": theme if theme in THEMES else "light",
        "status": status,
        "stream_url": request.build_absolute_uri(stream.link) if stream else None,
    }
    return render(request, "api/widget.html", context, status=status)


@require_GET
def builder(request):
    """Pick a stream, a language, a count and a theme; preview the widget; copy its code.
    Works without JavaScript (the form reloads the page); api/embed.js previews live."""
    locale = get_language()
    data = request.GET
    choice = {
        "source": data.get("source") if data.get("source") in SOURCES else "category",
        "category": data.get("category") or "digital-security",
        "collection": data.get("collection") or "",
        "q": (data.get("q") or "")[:200],
        "language": data.get("language") if data.get("language") in LANGUAGE_CODES else locale,
        "count": _count(data.get("count")) or DEFAULT_COUNT,
        "theme": data.get("theme") if data.get("theme") in THEMES else "light",
    }
    context = {
        "choice": choice,
        "categories": library.categories_with_counts(Locale.objects.get(language_code=locale)),
        "collections": members.public_collections()[:MAX_BUILDER_COLLECTIONS],
        "widget_languages": settings.LANGUAGES,
        "themes": THEMES,
        "max_count": MAX_COUNT,
        "widget_url": widget_url(request, choice),
        "widget_base": {
            code: request.build_absolute_uri(_widget_path(code)) for code in LANGUAGE_CODES
        },
    }
    context["frame_height"] = frame_height(choice["count"])
    return render(request, "api/embed_builder.html", context)


SOURCES = ["category", "collection", "search"]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _widget_path(language):
    with override(language):
        return reverse("api_embed_widget")


def widget_url(request, choice):
    """The absolute widget URL for the builder's choices (api/embed.js builds the same)."""
    query = QueryDict(mutable=True)
    source = choice["source"]
    if source == "category":
        query["category"] = choice["category"]
    elif source == "collection" and choice["collection"]:
        query["collection"] = choice["collection"]
    elif source == "search" and choice["q"]:
        query["q"] = choice["q"]
    query["count"] = str(choice["count"])
    query["theme"] = choice["theme"]
    return request.build_absolute_uri(_widget_path(choice["language"])) + "?" + query.urlencode()


def frame_height(count):
    return 96 + 72 * count
