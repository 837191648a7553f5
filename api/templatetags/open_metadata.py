"""What a page tells feed readers, other sites and search engines about itself: feed links,
Open Graph and Twitter card metadata (api.link_previews), oEmbed discovery and schema.org
JSON-LD for resources. Used once, in base.html's <head>."""

import contextlib
import json

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from library import vocabularies
from library.models import CategoryPage, ResourcePage
from tasharuk import invalidation

from .. import link_previews, streams

register = template.Library()

# As django.utils.html.json_script: nothing in the JSON can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def feed_streams(page, request):
    """The streams this page offers as feeds: the latest resources, plus its category or the
    search it shows."""
    locale = get_language()
    offered = [streams.latest(locale)]
    if isinstance(page, CategoryPage):
        with contextlib.suppress(streams.StreamNotFound):
            offered.append(streams.for_category(page.slug, locale))
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "community_collection":
        # A public collection's page offers its feed; a private one has none.
        with contextlib.suppress(streams.StreamNotFound):
            offered.append(streams.for_collection(match.kwargs["pk"], locale))
    if match is not None and match.url_name == "search" and request.GET:
        with contextlib.suppress(streams.StreamError):
            offered.append(streams.for_search(request.GET, locale))
    return offered


@register.simple_tag(takes_context=True)
def open_metadata(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    links = []
    for stream in feed_streams(page, request):
        for feed_format, media_type in (("rss", "rss+xml"), ("atom", "atom+xml")):
            links.append(
                (
                    f"application/{media_type}",
                    f"{stream.title} ({feed_format.upper()})",
                    stream.feed_url(feed_format),
                )
            )
    html = format_html_join(
        "\n    ", '<link rel="alternate" type="{}" title="{}" href="{}">', links
    )
    # A page's own metadata reads its translations, categories and restrictions (about a fifth
    # of a resource page's rendering): kept until pages change (ratings show in its JSON-LD).
    if isinstance(page, Page):
        metadata = invalidation.kept_for_live_page(
            request, page, "open-metadata", lambda: link_previews.metadata(context)
        )
    else:
        metadata = link_previews.metadata(context)
    html += format_html_join("", '\n    <meta {}="{}" content="{}">', metadata)
    if isinstance(page, ResourcePage):
        oembed = (
            request.build_absolute_uri(reverse("api-v1:oembed"))
            + "?"
            + urlencode({"url": page.get_full_url(request), "format": "json"})
        )
        html += format_html(
            '\n    <link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
            oembed,
            page.title,
        )
        html += format_html(
            '\n    <script type="application/ld+json" nonce="{}">{}</script>',
            getattr(request, "csp_nonce", ""),
            mark_safe(
                invalidation.kept_for_live_page(
                    request, page, "json-ld", lambda: json_ld(page, request)
                )
            ),
        )
    return html


def json_ld(page, request):
    """schema.org LearningResource of a resource page, as JSON safe inside <script>."""
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "@id": url,
        "mainEntityOfPage": url,
        "url": page.source_url,
        "name": page.title,
        "description": page.summary,
        "inLanguage": list(page.languages or []) or page.locale.language_code,
        "learningResourceType": str(vocabularies.format_label(page.media_format)),
        "about": [
            {"@type": "Thing", "name": category.title, "url": category.get_full_url(request)}
            for category in page.localized_categories
        ],
        "keywords": sorted(page.tags.names()),
    }
    licence = vocabularies.licence_url(page.license)
    if licence:
        data["license"] = licence
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher}
    if page.year:
        data["dateCreated"] = str(page.year)
    elif page.first_published_at:
        data["dateCreated"] = page.first_published_at.date().isoformat()
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(page.rating_average, 2),
            "ratingCount": page.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    data["isPartOf"] = {
        "@type": "WebSite",
        "name": _("Tasharuk"),
        "url": request.build_absolute_uri("/"),
    }
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


@register.inclusion_tag("api/search_feed_link.html", takes_context=True)
def search_feed_link(context):
    """A visible "subscribe" link on the search page for the search it shows."""
    request = context.get("request")
    try:
        stream = streams.for_search(request.GET, get_language()) if request else None
    except streams.StreamError:
        stream = None
    return {"feed_url": stream.feed_url("rss") if stream else None}
