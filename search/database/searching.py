"""The fallback's searches, counts and completions: on PostgreSQL in SQL (GIN-indexed
matching, ranking and facets, see counting and ranking), elsewhere by ORM and a weighted count
in Python."""

from collections import Counter

from django.db import connection
from django.db.models import Q

from ..documents import facet_value_list
from ..engine.ranking import (
    FACETS,
    FIELD_WEIGHTS,
    LOCALE_BOOST,
    RATING_BOOST,
    RATING_PIVOT,
    SYNONYM_BOOST,
)
from ..models import SearchDocument
from ..normalization import normalize, tokens
from ..query_words import _groups, _match_tsquery, _tsquery
from .answer_cache import _cache_get, _cache_key, _cache_set, _cached
from .counting import _count_matches, _counts, _counts_and_page
from .matching import _match
from .ranking import _OTHER_SORTS, _page
from .results import _hit
from .storage import _FACET_COLUMNS, _longest


def _facet_values(row, facet):
    return facet_value_list(row[_FACET_COLUMNS[facet]])


def search(query, locale, filters, sort, page, page_size):
    """Same arguments and return value as search.engine.search (took is measured here)."""
    if connection.vendor == "postgresql":
        return _postgres_search(query, locale, filters, sort, page, page_size)
    groups = _groups(query)
    words = [alternative for group in groups for alternative in group.alternatives]
    candidates = SearchDocument.objects.all()
    if filters.get("publisher"):
        candidates = candidates.filter(publisher__in=filters["publisher"])
    if filters.get("keys") is not None:  # narrowed by work (search.warnings)
        candidates = candidates.filter(translation_key__in=filters["keys"])
    if filters.get("excluded_keys"):
        candidates = candidates.exclude(translation_key__in=filters["excluded_keys"])
    for group in groups:
        match = Q()
        for alternative in group.alternatives:
            match |= Q(text__contains=alternative)
        candidates = candidates.filter(match)
    columns = [
        "translation_key",
        "rating_bayesian",
        "published_at",
        "time_minutes",
        *_FACET_COLUMNS.values(),
    ]
    if words:
        columns += ["title", "tags", "summary", "body", "display"]
    rows = list(candidates.values(*columns))
    selected = {
        facet: set(values) for facet, values in filters.items() if values and facet in FACETS
    }

    def holds(row, facet, values):
        if facet == "max_minutes":
            return row["time_minutes"] is not None and row["time_minutes"] <= _longest(values)
        return values.intersection(_facet_values(row, facet))

    def passes(row, skip=None):
        return all(holds(row, facet, values) for facet, values in selected.items() if facet != skip)

    facets = {}
    for facet in FACETS:
        counts = Counter(
            value for row in rows if passes(row, skip=facet) for value in _facet_values(row, facet)
        )
        facets[facet] = counts.most_common()
    matching = [row for row in rows if passes(row)]
    for row in matching:
        row["score"] = _score(row, groups, locale) if words else 0.0
        rating = row["rating_bayesian"]
        row["score"] += RATING_BOOST * rating / (rating + RATING_PIVOT)
    if sort == "rating":
        matching.sort(key=lambda row: (-row["rating_bayesian"], -row["score"]))
    elif sort == "newest":
        matching.sort(key=_newest_first)
    else:
        matching.sort(key=lambda row: -row["score"])
    start = (page - 1) * page_size
    keys = [row["translation_key"] for row in matching[start : start + page_size]]
    documents = SearchDocument.objects.in_bulk(keys, field_name="translation_key")
    hits = [_hit(documents[key], words, locale) for key in keys]
    return hits, len(matching), facets


def count(query):
    """How many resources a search for `query` finds (no facets, no hits)."""
    if connection.vendor == "postgresql":
        groups = _groups(query)
        if not groups:
            return SearchDocument.objects.count()
        match_query = _match_tsquery(groups)
        # "Did you mean" counts what a corrected query would find, on every search that finds
        # little: remembered like the searches themselves.
        return _cached(["count", match_query], lambda: _count_matches(match_query))
    candidates = SearchDocument.objects.all()
    for group in _groups(query):
        match = Q()
        for alternative in group.alternatives:
            match |= Q(text__contains=alternative)
        candidates = candidates.filter(match)
    return candidates.count()


def _newest_first(row):
    published = row["published_at"]
    return (published is None, -published.timestamp() if published else 0.0)


def _score(row, groups, locale):
    """Weighted occurrence count: title > tags > summary > body, whole words count double; per
    query group, the typed words score in full and the vocabulary's other forms at
    SYNONYM_BOOST, whichever of them scores best."""
    display = row["display"].get(locale, {})
    local_title = normalize(display.get("title", ""))
    score = 0.0
    for group in groups:
        best = 0.0
        for position, alternative in enumerate(group.alternatives):
            weight_factor = 1.0 if position == 0 else SYNONYM_BOOST
            found = 0.0
            for field, weight in FIELD_WEIGHTS.items():
                text = row[field]
                if alternative in text:
                    found += weight * (2.0 if f" {alternative} " in f" {text} " else 1.0)
                    if field == "title" and alternative in local_title:
                        found += weight * (LOCALE_BOOST - 1.0)
            best = max(best, found * weight_factor)
        score += best
    return score


def autocomplete(prefix, locale, size=8):
    words = tokens(prefix)
    if not words:
        return []
    query = Q()
    for word in words:
        query &= Q(title__contains=word)
    documents = SearchDocument.objects.filter(query).order_by("-rating_bayesian")[:size]
    return [document.display for document in documents]


def _postgres_search(query, locale, filters, sort, page, page_size):
    """The fallback on PostgreSQL: GIN-indexed full-text match (the vocabulary's forms
    included), ts_rank over the titles plus the rating boost, facets counted in SQL.

    The total and facets are cached per normalised query and filters, so another page or
    sort of the same search only ranks; the page's document ids per query, filters, sort and
    page (see _cached). A filtered relevance search with neither cached counts and ranks in one
    statement, which finds the matches once (_counts_and_page). Highlights are made per
    request, in its locale."""
    groups = _groups(query)
    selected = {
        facet: sorted(values) for facet, values in filters.items() if values and facet in FACETS
    }
    # The publisher narrows the matches themselves (as on the engine), not counted as a facet.
    match_query = _match(groups)._replace(
        publishers=tuple(sorted(filters.get("publisher") or ())),
        keys=None if filters.get("keys") is None else tuple(sorted(map(str, filters["keys"]))),
        excluded=tuple(sorted(map(str, filters.get("excluded_keys") or ()))),
    )
    rank_queries = [_tsquery(groups, exact) for exact in (True, False)]
    counts_key = _cache_key(["counts", match_query, selected])
    page_key = _cache_key(["page", match_query, *rank_queries, selected, sort, page, page_size])
    counted, keys = _cache_get(counts_key), _cache_get(page_key)
    # With filters, counting reads each facet's own column for the matches that fail only
    # its filter, so it keeps the matches aside (see _matches_cte); ranking the page from
    # them too spares finding the matches a second time.
    if counted is None and keys is None and groups and selected and sort not in _OTHER_SORTS:
        *counted, keys = _counts_and_page(groups, match_query, selected, page, page_size)
        _cache_set(counts_key, counted)
        _cache_set(page_key, keys)
    if counted is None:
        counted = _counts(groups, match_query, selected)
        _cache_set(counts_key, counted)
    total, facets = counted
    if keys is None:
        keys = _page(groups, match_query, selected, sort, page, page_size, total)
        _cache_set(page_key, keys)
    documents = SearchDocument.objects.in_bulk(keys)
    words = [alternative for group in groups for alternative in group.alternatives]
    # A document deleted since the statement above is simply left out.
    hits = [_hit(documents[key], words, locale) for key in keys if key in documents]
    return hits, total, facets
