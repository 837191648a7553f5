"""The search gateway: the one function views, the API and commands call.

`search()` picks the engine when one is configured and reachable, and the database fallback
otherwise (with a notice when the engine was expected but failed). Both return the same shape.
"""

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from library import creators, session_metadata, vocabularies
from tasharuk import invalidation

from . import database, engine, suggestions, warnings
from .documents import shown_locale
from .engine.ranking import FACETS, MAX_RESULT_WINDOW
from .models import ZeroResultQuery
from .normalization import normalize

logger = logging.getLogger(__name__)

SORTS = ["relevance", "rating", "newest"]
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200
# What a well-formed facet value looks like; unknown but well-formed values simply match nothing.
FACET_PATTERNS = {
    "category": re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$"),
    "language": re.compile(r"^[a-z]{2,3}$"),
    "format": re.compile(r"^[a-z]{1,20}$"),
    "region": re.compile(r"^[a-z]{2,10}$"),
    "license": re.compile(r"^[A-Za-z0-9.+-]{1,40}$"),
    "level": re.compile(r"^[a-z]{1,20}$"),
    "audience": re.compile(r"^[a-z][a-z-]{0,29}$"),
}


# The facets a search answers with: the backends' own, and the tool warnings (search.warnings).
PUBLIC_FACETS = [*FACETS, "warning"]
_WARNING_VALUES = "|".join(warnings.FILTER_VALUES)
FACET_PATTERNS["warning"] = re.compile(f"^({_WARNING_VALUES})$")


class SearchParameterError(ValueError):
    """A malformed search parameter; the message says which and why."""


@dataclass
class SearchParams:
    query: str = ""
    locale: str = settings.LANGUAGE_CODE
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _positive_int(name, raw, default, maximum=None):
    if raw in (None, ""):
        return default
    if not re.fullmatch(r"\d{1,9}", raw) or int(raw) < 1:
        raise SearchParameterError(
            _("“%(name)s” must be a whole number of at least 1.") % {"name": name}
        )
    value = int(raw)
    if maximum is not None and value > maximum:
        raise SearchParameterError(
            _("“%(name)s” can be at most %(maximum)d.") % {"name": name, "maximum": maximum}
        )
    return value


def parse_params(data, default_locale=None):
    """Validate a QueryDict of search parameters; raise SearchParameterError if malformed."""
    locales = [code for code, _name in settings.LANGUAGES]
    locale = data.get("locale") or default_locale or settings.LANGUAGE_CODE
    if locale not in locales:
        raise SearchParameterError(
            _("Unknown locale “%(locale)s”; use one of: %(choices)s.")
            % {"locale": locale, "choices": ", ".join(locales)}
        )
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchParameterError(
            _("Unknown sort “%(sort)s”; use one of: %(choices)s.")
            % {"sort": sort, "choices": ", ".join(SORTS)}
        )
    # Control characters (NUL above all) mean nothing in a query and PostgreSQL refuses NUL in
    # text, so they become spaces before anything else sees the query.
    query = CONTROL_CHARACTERS.sub(" ", data.get("q") or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchParameterError(
            _("The query is too long (at most %(maximum)d characters).")
            % {"maximum": MAX_QUERY_LENGTH}
        )
    filters = {}
    max_minutes = [value for value in data.getlist("max_minutes") if value != ""]
    if max_minutes:
        try:
            longest = max(session_metadata.parse_max_minutes(value) for value in max_minutes)
        except ValueError as error:
            raise SearchParameterError(str(error)) from None
        filters["max_minutes"] = [str(longest)]
    for facet in PUBLIC_FACETS:
        if facet == "max_minutes":
            continue  # a number, read above
        values = [value for value in data.getlist(facet) if value != ""]
        for value in values:
            if not FACET_PATTERNS[facet].match(value):
                raise SearchParameterError(
                    _("“%(value)s” is not a valid value for “%(facet)s”.")
                    % {"value": value[:50], "facet": facet}
                )
        if values:
            filters[facet] = sorted(set(values))
    # A publisher (its slug, as in /publishers/<slug>/) narrows a search like a facet but is
    # not counted as one: there are thousands of them.
    publishers = [value for value in data.getlist("publisher") if value != ""]
    for value in publishers:
        if not creators.SLUG_PATTERN.match(value):
            raise SearchParameterError(
                _("“%(value)s” is not a valid value for “%(facet)s”.")
                % {"value": value[:50], "facet": "publisher"}
            )
    if publishers:
        filters["publisher"] = sorted(set(publishers))
    page = _positive_int("page", data.get("page"), 1)
    page_size = _positive_int("page_size", data.get("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if page * page_size > MAX_RESULT_WINDOW:
        raise SearchParameterError(
            _("Results beyond the first %(maximum)d cannot be paged to; narrow the search.")
            % {"maximum": MAX_RESULT_WINDOW}
        )
    return SearchParams(query, locale, filters, sort, page, page_size)


def search(
    query="",
    locale=settings.LANGUAGE_CODE,
    filters=None,
    sort="relevance",
    page=1,
    page_size=DEFAULT_PAGE_SIZE,
    count_zero_results=True,
):
    """Search resources and return the public API shape:

    {"count", "results": [{"id", "url", "source_url", "title", "summary", "categories",
    "languages", "format", "regions", "license", "rating": {"average", "count"}, "highlight"}],
    "facets": {facet: [{"value", "label", "count"}]}}, plus "notice" when the engine was
    expected but unavailable and the database answered instead (reduced mode).

    Results are the `locale` translation of each resource (the other one when missing);
    `filters` maps facet names (and "publisher", by slug) to value lists (OR within a facet,
    AND across facets).
    """
    filters = {facet: list(values) for facet, values in (filters or {}).items() if values}
    notice = None
    started = time.perf_counter()
    on_engine = engine.configured()
    arguments = (query, locale, filters, sort, page, page_size)
    if on_engine:
        timings = []

        def on_the_engine(*arguments):
            hits, count, facets, took = engine.search(*arguments)
            timings.append(took)
            return hits, count, facets

        try:
            hits, count, facets = warnings.search(on_the_engine, *arguments)
            took = sum(timings)
        except engine.EngineUnavailable as error:
            logger.warning("search engine unavailable, answering from the database: %s", error)
            notice = _("Search is running in reduced mode: results may be less complete.")
            hits, count, facets = warnings.search(database.search, *arguments)
            took, on_engine = None, False
    else:
        hits, count, facets = warnings.search(database.search, *arguments)
        took = None
    # Feeds and widgets repeat the same search all day: only searches people type count.
    if count == 0 and query and page == 1 and count_zero_results:
        record_zero_result(query, locale)
    suggestion = None
    if query and page == 1 and not filters:
        suggestion = _suggestion(query, locale, count, on_engine)
    with override(locale):
        labels = _Labels(locale)
        response = {
            "count": count,
            "results": [_result(hit, locale) for hit in hits],
            "facets": {
                facet: [
                    {"value": value, "label": labels.label(facet, value), "count": n}
                    for value, n in sorted(facets[facet], key=_facet_order(facet))
                ]
                for facet in PUBLIC_FACETS
            },
        }
    if notice:
        response["notice"] = notice
    if suggestion:
        response["suggestion"] = suggestion
    # Not part of the public shape's contract, but handy for benchmarks and logs.
    response["took"] = {
        "engine_ms": took,
        "total_ms": round((time.perf_counter() - started) * 1000, 2),
    }
    return response


def _facet_order(facet):
    """Most frequent first; the "under N minutes" steps from the shortest."""
    if facet == "max_minutes":
        return lambda item: int(item[0]) if item[0].isdigit() else 0
    return lambda item: (-item[1], item[0])


def _suggestion(query, locale, count, on_engine):
    """“Did you mean”: {"query", "reason": "keyboard" | "spelling"} or None (see
    search.suggestions); from the backend that answered the search."""
    try:
        if on_engine:
            return suggestions.suggest(
                query,
                count,
                lambda text: engine.count(text, locale),
                engine.spelling,
            )
        return suggestions.suggest(query, count, database.count, suggestions.vocabulary_spelling)
    except engine.EngineUnavailable:
        return None


def _result(hit, locale):
    shown = shown_locale(hit["display"], locale)
    display = hit["display"][shown]
    result = {
        "id": display["id"],
        "url": display["url"],
        "source_url": hit["source_url"],
        "title": display["title"],
        "summary": display["summary"],
        "categories": hit["category"],
        "languages": hit["language"],
        "format": hit["format"],
        "regions": hit["region"],
        "license": hit["license"],
        "level": hit.get("level") or None,
        "time_minutes": hit.get("time_minutes"),
        "audience": hit.get("audience") or [],
        "rating": {"average": hit["rating_average"], "count": hit["rating_count"]},
        "highlight": hit["highlight"],
    }
    if shown != locale:
        # The work has no translation in `locale`: the item says which language it is in.
        result["fallback_locale"] = shown
    return result


def resource_items(keys, locale):
    """Map each translation key with a live translation to its public item: the search result
    shape without "highlight", in `locale` or else the other language (then with
    "fallback_locale"), so a resource looks the same in every list the API and feeds give."""
    from .documents import build_documents

    items = {}
    for key, document in build_documents(keys).items():
        if document is not None:
            item = _result({**document, "highlight": None}, locale)
            item.pop("highlight")
            items[key] = item
    return items


class _Labels:
    """Facet value labels in the active language (categories: their page titles)."""

    def __init__(self, locale):
        self.locale = locale
        self._categories = None

    def label(self, facet, value):
        if facet == "category":
            if self._categories is None:
                self._categories = category_titles(self.locale)
            return self._categories.get(value, value)
        if facet == "warning":
            with override(self.locale):
                return str(warnings.LABELS.get(value, value))
        return vocabulary_label(facet, value, self.locale)


@lru_cache(maxsize=4096)
def vocabulary_label(facet, value, locale):
    """A language, format, region or licence label in `locale` (code-level, so cacheable)."""
    lookup = {
        "language": vocabularies.language_label,
        "format": vocabularies.format_label,
        "region": vocabularies.region_label,
        "license": vocabularies.licence_name,
        "level": session_metadata.level_label,
        "audience": session_metadata.audience_label,
        "max_minutes": lambda value: session_metadata.minutes_label(int(value)),
    }[facet]
    with override(locale):
        return str(lookup(value))


CATEGORY_CACHE_SECONDS = 60


def category_titles(locale):
    """Category slug → title in `locale`, kept in the shared cache for a minute or until a page
    is published, unpublished or moved (40 rows that rarely change)."""
    from library.models import CategoryPage

    def read():
        return dict(
            CategoryPage.objects.filter(locale__language_code=locale).values_list("slug", "title")
        )

    return invalidation.kept(
        invalidation.PUBLICATION, f"search:category-titles:{locale}", read, CATEGORY_CACHE_SECONDS
    )


def autocomplete(prefix, locale, size=8):
    """Up to `size` [{"title", "url"}] whose titles start with `prefix`'s words."""
    prefix = prefix.strip()[:MAX_QUERY_LENGTH]
    if len(normalize(prefix)) < 2:
        return []
    displays = None
    if engine.configured():
        try:
            displays = engine.autocomplete(prefix, locale, size)
        except engine.EngineUnavailable:
            displays = None
    if displays is None:
        displays = database.autocomplete(prefix, locale, size)
    suggestions = []
    for display in displays:
        shown = display[shown_locale(display, locale)]
        suggestions.append({"title": shown["title"], "url": shown["url"]})
    return suggestions


def record_zero_result(query, locale):
    """Count one search that found nothing: normalised query, locale and day only."""
    normalised = " ".join(normalize(query).split())[:200]
    day = timezone.localdate()
    matches = ZeroResultQuery.objects.filter(query=normalised, locale=locale, day=day)
    if matches.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query=normalised, locale=locale, day=day, count=1)
    except IntegrityError:  # another request created it first
        matches.update(count=F("count") + 1)


def purge_zero_results(days=None):
    """Delete zero-result counts older than the retention setting; returns how many."""
    days = days if days is not None else settings.TASHARUK_SEARCH.get("ZERO_RESULT_RETENTION_DAYS")
    if not days:
        return 0
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _details = ZeroResultQuery.objects.filter(day__lt=cutoff).delete()
    return deleted
