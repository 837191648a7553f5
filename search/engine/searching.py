"""Running searches on the engine: results with highlights and facet counts, and counts."""

from django.conf import settings
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import TransportError

from ..documents import LOCALES, shown_locale
from ..normalization import normalize
from .client import EngineUnavailable, _unavailable, alias_name, client
from .queries import _split_by_vocabulary, _text_query, build_search_body
from .ranking import COMBINED_FACETS, FACETS


def search(query, locale, filters, sort, page, page_size):
    """Run a search; returns (hits, total, facet buckets by facet, took in ms)."""
    body = build_search_body(normalize(query), locale, filters, sort, page, page_size)
    # The shard request cache keeps what the query phase found (matches, total, facets) per
    # index version: a refresh that changed anything starts it afresh, so a cached answer is
    # the one a new search would give. The engine caches only size-0 requests unless asked.
    cache = "true" if settings.TASHARUK_SEARCH.get("ENGINE_REQUEST_CACHE", True) else "false"
    try:
        response = client().search(
            index=alias_name(),
            body=body,
            filter_path=_FILTER_PATH,
            params={"request_cache": cache},
        )
    except (TransportError, EngineConnectionError) as error:
        if _unavailable(error) or getattr(error, "status_code", None) in (None, "N/A", 503):
            raise EngineUnavailable(str(error)) from error
        raise
    aggregations = response.get("aggregations", {})

    def buckets(name):
        aggregation = aggregations.get(name, {})
        return aggregation.get("values", aggregation).get("buckets", [])

    facets = {facet: [] for facet in FACETS}
    for bucket in buckets(COMBINED_FACETS):
        facet, _, value = bucket["key"].partition(":")
        if facet in facets and not filters.get(facet):
            facets[facet].append((value, bucket["doc_count"]))
    for facet in FACETS:
        if facet in aggregations:
            facets[facet] = [(bucket["key"], bucket["doc_count"]) for bucket in buckets(facet)]
    hits = []
    for hit in response["hits"].get("hits", []):
        source = hit["_source"]
        # Highlight the title in the language the result is shown in.
        shown = shown_locale(source.get("display") or {}, locale) or locale
        hits.append({**source, "highlight": _pick_highlight(hit.get("highlight", {}), shown)})
    return hits, response["hits"]["total"]["value"], facets, response["took"]


# Only what search() reads: the engine leaves out the rest of its (large) response.
_FILTER_PATH = ",".join(
    [
        "took",
        "hits.total.value",
        "hits.hits._source",
        "hits.hits.highlight",
        "aggregations.*.buckets.key",
        "aggregations.*.buckets.doc_count",
        "aggregations.*.values.buckets.key",
        "aggregations.*.values.buckets.doc_count",
    ]
)


def _pick_highlight(highlight, locale):
    """The best title and snippet fragments, preferring `locale`'s text (the language the
    result is shown in)."""
    order = [locale] + [code for code in LOCALES if code != locale]
    result = {"title": None, "snippet": None}
    for code in order:
        for suffix in ("", ".en", ".ar"):
            if result["title"] is None and code == locale:
                fragments = highlight.get(f"title_{code}{suffix}")
                if fragments:
                    result["title"] = fragments[0]
            for field in ("summary", "body"):
                fragments = highlight.get(f"{field}_{code}{suffix}")
                if result["snippet"] is None and fragments:
                    result["snippet"] = fragments[0]
    return result


def count(query, locale):
    """How many resources a search for `query` finds (no facets, no hits)."""
    query = normalize(query)
    must = [_text_query(query, locale, _split_by_vocabulary(query))]
    body = {"query": {"bool": {"must": must}}, "size": 0}
    try:
        response = client().search(
            index=alias_name(), body=body, params={"track_total_hits": "true"}
        )
    except (TransportError, EngineConnectionError) as error:
        raise EngineUnavailable(str(error)) from error
    return response["hits"]["total"]["value"]
