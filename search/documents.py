"""Build the search document of a resource: one per translation_key, both languages inside.

Documents are built from plain value rows (not page objects) so a rebuild of 100,000 resources
stays fast; the same builder serves incremental indexing, so both paths index the same thing.
"""

import json
import re
from collections import defaultdict

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Site

from library.creators import creator_slug
from library.session_metadata import minute_steps
from library.visibility import listed

from .normalization import nfkc

LOCALES = [code for code, _name in settings.LANGUAGES]


def facet_value_list(value):
    """A document's value for one facet as a list: list facets as they are, a single value as
    a list of one, none as an empty list."""
    return value if isinstance(value, list) else [value] if value else []


def shown_locale(display, locale):
    """The language a resource with `display` (language → shown fields) is shown in for a
    reader of `locale`: that language, or the other one when the resource has no translation
    in it (None when it has none at all)."""
    return locale if display.get(locale) else next(iter(display), None)


_PAGE_FIELDS = [
    "pk",
    "translation_key",
    "locale__language_code",
    "title",
    "summary",
    "url_path",
    "first_published_at",
    "source_url",
    "media_format",
    "languages",
    "regions",
    "license",
    "publisher",
    "level",
    "time_minutes",
    "audience",
    "rating_average",
    "rating_count",
    "rating_bayesian",
]


def live_translation_keys():
    """Translation keys of every resource with at least one listed translation (published and
    public: library.visibility decides what may be a public document)."""
    from library.models import ResourcePage

    return (
        listed(ResourcePage.objects.all())
        .order_by("translation_key")
        .values_list("translation_key", flat=True)
        .distinct()
    )


def build_documents(keys, consecutive=False):
    """Map each of `keys` to its document, or to None when no translation is listed any more
    (unpublished, or behind a view restriction: see library.visibility).

    `consecutive`: `keys` are a run of live_translation_keys() in order, so a range of keys
    selects exactly their pages (one index range scan instead of a list of 1,000 parameters;
    how a rebuild reads the database)."""
    from library.models import ResourcePage, ResourceTag

    keys = list(keys)
    pages = listed(ResourcePage.objects.all())
    if consecutive and keys:
        pages = pages.filter(translation_key__range=(keys[0], keys[-1]))
    else:
        pages = pages.filter(translation_key__in=keys)
    # The StreamField as its JSON text: its block tree is walked as plain data (_body_text),
    # which skips building a StreamValue per page.
    rows = list(
        pages.annotate(details_json=Cast("details", TextField())).values(
            *_PAGE_FIELDS, "details_json"
        )
    )
    page_ids = pages.values("pk")
    categories = defaultdict(set)
    for page_id, slug in ResourcePage.categories.through.objects.filter(
        resourcepage_id__in=page_ids
    ).values_list("resourcepage_id", "categorypage__slug"):
        categories[page_id].add(slug)
    tags = defaultdict(list)
    for page_id, name in ResourceTag.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[page_id].append(name)
    by_key = defaultdict(dict)
    for row in rows:
        by_key[row["translation_key"]][row["locale__language_code"]] = row
    urls = _PageUrls()
    return {
        key: _document(by_key[key], categories, tags, urls) if by_key.get(key) else None
        for key in keys
    }


def _document(pages, categories, tags, urls):
    """The document for one work, given its live pages by language code."""
    # Synchronised fields (codes, ratings, URL) are the same in every translation: take the
    # default locale's when it is live, so the source page wins after an edit.
    primary = pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()))
    all_ids = [page["pk"] for page in pages.values()]
    doc = {
        "translation_key": str(primary["translation_key"]),
        "locales": sorted(pages),
        "category": sorted(set().union(*(categories[i] for i in all_ids))),
        "language": list(primary["languages"] or []),
        "format": primary["media_format"],
        "region": list(primary["regions"] or []),
        "license": primary["license"],
        "level": primary["level"] or None,  # none stated: no facet value
        "audience": list(primary["audience"] or []),
        "time_minutes": primary["time_minutes"],
        # The "under N minutes" facet: every step the stated time fits in.
        "max_minutes": [str(step) for step in minute_steps(primary["time_minutes"])],
        # The publisher's slug (library.creators): filtered on, never counted as a facet.
        "publisher": creator_slug(primary["publisher"]),
        "source_url": primary["source_url"],
        "rating_average": round(primary["rating_average"] or 0.0, 2),
        "rating_count": primary["rating_count"] or 0,
        "rating_bayesian": primary["rating_bayesian"] or 0.0,
        "published": max(p["first_published_at"] for p in pages.values()).isoformat()
        if all(p["first_published_at"] for p in pages.values())
        else None,
        "tags": sorted({nfkc(t) for i in all_ids for t in tags[i]}),
        "display": {},
    }
    for code in LOCALES:
        page = pages.get(code)
        title = nfkc(page["title"]) if page else ""
        summary = nfkc(page["summary"]) if page else ""
        body = nfkc(_body_text(json.loads(page["details_json"] or "[]"))) if page else ""
        doc[f"title_{code}"] = title
        doc[f"summary_{code}"] = summary
        doc[f"body_{code}"] = body
        if page:
            doc["display"][code] = {
                "id": page["pk"],
                "url": urls.url(page["url_path"], code),
                "title": page["title"],
                "summary": page["summary"],
            }
    doc["title_suggest"] = [doc[f"title_{code}"] for code in LOCALES if code in pages]
    return doc


_TAG = re.compile(r"<[^>]*>")


def _body_text(details):
    """Readable text of a resource's details StreamField (rich text and short strings)."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            if not value.startswith(("http://", "https://")):
                parts.append(_TAG.sub(" ", value))  # Django's strip_tags is 10x slower
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("id", "type", "url", "language", "media_format", "role"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    raw = getattr(details, "raw_data", details) or []
    for block in raw:
        walk(block.get("value") if isinstance(block, dict) else block)
    return " ".join(part for part in parts if part)


class _PageUrls:
    """Page URLs from url_path without one query per page (as Page.get_url would make)."""

    def __init__(self):
        self._roots = sorted(
            Site.get_site_root_paths(), key=lambda root: len(root.root_path), reverse=True
        )
        self._prefixes = {}

    def url(self, url_path, language_code):
        for root in self._roots:
            if url_path.startswith(root.root_path) and root.language_code == language_code:
                return self._prefix(language_code) + url_path[len(root.root_path) :]
        return None

    def _prefix(self, language_code):
        if language_code not in self._prefixes:
            with override(language_code):
                self._prefixes[language_code] = reverse("wagtail_serve", args=("",))
        return self._prefixes[language_code]
