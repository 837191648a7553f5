"""Query building: the request body of one search (weighted fields, fuzzy matching, the
vocabulary's synonyms, the phrase bonus, facets under filters, sorting and highlights).
The queries use DSL that Elasticsearch shares."""

from typing import NamedTuple

from ..documents import LOCALES
from .index import SYNONYM_ANALYZERS
from .ranking import (
    COMBINED_FACETS,
    FACET_SIZE,
    FACETS,
    FIELD_WEIGHTS,
    LOCALE_BOOST,
    PHRASE_BOOST,
    PHRASE_WINDOW,
    RATING_BOOST,
    RATING_PIVOT,
    SYNONYM_BOOST,
    SYNONYM_FIELD_WEIGHT,
)


def _synonym_query(terms, locale):
    """The query's vocabulary `terms` (see _split_by_vocabulary) through the vocabulary: each
    language's combined text matched against them and every other name of their concepts
    (synonym graph); None without terms.

    One combined field per language rather than title, tags, summary and body apart: a broad
    query's synonyms are then read and scored once per document and language instead of four
    times (half of a search's time at 100,000 resources). Where a synonym is found matters less
    than for the typed words, which the main clause weighs field by field.

    Only the query's vocabulary terms go through it: the other words have no synonyms, and
    the main clause already reads them."""
    if not terms:
        return None
    clauses = [
        {
            "match": {
                f"all_{code}": {
                    "query": terms,
                    "analyzer": SYNONYM_ANALYZERS[code],
                    "boost": SYNONYM_FIELD_WEIGHT * (LOCALE_BOOST if code == locale else 1.0),
                }
            }
        }
        for code in LOCALES
    ]
    return {"bool": {"should": clauses, "boost": SYNONYM_BOOST}}


def _synonym_highlight_query(terms, locale):
    """The synonyms as `_synonym_query` finds them, on the fields results are highlighted on
    (run only over the page's hits); None without vocabulary `terms`."""
    if not terms:
        return None
    fields = [f"{field}_{code}.{code}" for field in ("title", "summary") for code in LOCALES]
    clauses = [
        {
            "multi_match": {
                "query": terms,
                "fields": [field for field in fields if field.endswith(f".{code}")],
                "analyzer": SYNONYM_ANALYZERS[code],
            }
        }
        for code in LOCALES
    ]
    return {"bool": {"should": clauses}}


def _weighted_fields(locale):
    """(field, indexed name, boost) of each text field: the shared tags once, the others per
    translation, those in the search's `locale` boosted."""
    for field, weight in FIELD_WEIGHTS.items():
        names = ["tags"] if field == "tags" else [f"{field}_{code}" for code in LOCALES]
        for name in names:
            yield field, name, weight * (LOCALE_BOOST if name.endswith(f"_{locale}") else 1.0)


def _phrase_query(query, locale):
    """The words in the order typed, on the unstemmed short fields (the phrase bonus)."""
    folded = [
        f"{name}^{boost:g}" for field, name, boost in _weighted_fields(locale) if field != "body"
    ]
    return {
        "multi_match": {"query": query, "fields": folded, "type": "phrase", "boost": PHRASE_BOOST}
    }


def _text_query(query, locale, words):
    """Weighted multi-field match, fuzzy matching on the unstemmed fields, and the
    vocabulary's synonyms at a lower weight (the phrase bonus is added by rescoring); `words`
    is the query split by _split_by_vocabulary."""
    fields, short = [], []
    for field, name, boost in _weighted_fields(locale):
        # Each translation through its own language's analyzer (see index_body); the body has
        # only that one, on the field itself.
        if field == "body":
            fields.append(f"{name}^{boost:g}")
        else:
            analyzers = LOCALES if field == "tags" else [name.rsplit("_", 1)[1]]
            fields += [f"{name}.{analyzer}^{boost:g}" for analyzer in analyzers]
        if field in ("title", "tags"):
            short.append(f"{name}^{boost:g}")
    clauses = [{"multi_match": {"query": query, "fields": fields, "type": "most_fields"}}]
    if words.others:
        # Typos: fuzzy on the short fields only; over long text it costs ten times more. Words
        # the vocabulary knows are spelled right: their variants come from the synonyms.
        clauses.append(
            {
                "multi_match": {
                    "query": words.others,
                    "fields": short,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "max_expansions": 10,
                    "boost": 0.5,
                }
            }
        )
    synonyms = _synonym_query(words.terms, locale)
    if synonyms:
        clauses.append(synonyms)
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


class QueryWords(NamedTuple):
    """A query split by the vocabulary, each part as one string."""

    terms: str  # the vocabulary's terms, without attached Arabic particles ("والتشفير" → "تشفير")
    others: str  # the words no vocabulary term covers


def _split_by_vocabulary(query):
    """`query` as QueryWords: terms are written bare, as the synonym rules know them."""
    from vocabulary.lookup import expand, without_particles

    groups = expand(query)
    terms = " ".join(group.typed for group in groups if group.concept is not None)
    others = " ".join(group.typed for group in groups if group.concept is None)
    return QueryWords(without_particles(terms), others)


def _filter_clause(facet, values):
    if facet == "max_minutes":
        # Any number of minutes, not only the facet's steps: at most the longest one given.
        return {"range": {"time_minutes": {"lte": max(int(value) for value in values)}}}
    return {"terms": {facet: list(values)}}


def _under_filters(aggregation, filters):
    """`aggregation` over the matches that pass `filters`, read back as its "values"; with no
    filter, the aggregation itself (cheaper than one under a match_all filter)."""
    if not filters:
        return aggregation
    return {"filter": {"bool": {"filter": filters}}, "aggs": {"values": aggregation}}


def build_search_body(query, locale, filters, sort, page, page_size):
    """The request body for one search (see search.services.search for the contract)."""
    words = _split_by_vocabulary(query)
    must = [_text_query(query, locale, words)] if query else [{"match_all": {}}]
    should = [
        {
            "rank_feature": {
                "field": "rating_boost",
                "saturation": {"pivot": RATING_PIVOT},
                "boost": RATING_BOOST,
            }
        },
        {"term": {"locales": {"value": locale, "boost": 0.5}}},
    ]
    selected = {facet: values for facet, values in filters.items() if values and facet in FACETS}
    # The publisher narrows the matches themselves, so the facets count within its resources.
    publishers = filters.get("publisher")
    narrowing = [_filter_clause("publisher", publishers)] if publishers else []
    # Works narrowed by translation key (search.warnings: the warning facet and ranking).
    if filters.get("keys") is not None:
        narrowing.append(_filter_clause("translation_key", [str(k) for k in filters["keys"]]))
    excluded = [str(key) for key in filters.get("excluded_keys") or ()]
    # A facet counts the query's matches under the other facets' filters (not its own). The
    # facets with no value selected all count under every selected filter: one aggregation
    # over the combined "facet:value" field counts them together, in one pass over the matches
    # instead of one per facet. Each selected facet is counted on its own.
    aggregations = {
        COMBINED_FACETS: _under_filters(
            {"terms": {"field": "facet_values", "size": FACET_SIZE * len(FACETS)}},
            [_filter_clause(f, v) for f, v in selected.items()],
        )
    }
    for facet in selected:
        aggregations[facet] = _under_filters(
            {"terms": {"field": facet, "size": FACET_SIZE}},
            [_filter_clause(f, v) for f, v in selected.items() if f != facet],
        )
    body = {
        "query": {"bool": {"must": must, "should": should}},
        "aggs": aggregations,
        "from": (page - 1) * page_size,
        "size": page_size,
        "track_total_hits": True,
        "_source": [
            "translation_key",
            "display",
            "source_url",
            "category",
            "language",
            "format",
            "region",
            "license",
            "level",
            "audience",
            "time_minutes",
            "rating_average",
            "rating_count",
        ],
    }
    if narrowing:
        body["query"]["bool"]["filter"] = narrowing
    if excluded:
        body["query"]["bool"]["must_not"] = [_filter_clause("translation_key", excluded)]
    if selected:
        body["post_filter"] = {
            "bool": {"filter": [_filter_clause(f, v) for f, v in selected.items()]}
        }
    if query and sort == "relevance" and len(query.split()) > 1:
        # The phrase bonus re-scores only the best matches: on a broad query, checking word
        # positions in every match was a third of the search. A fixed window keeps the order
        # the same from page to page.
        body["rescore"] = {
            "window_size": PHRASE_WINDOW,
            "query": {"rescore_query": _phrase_query(query, locale)},
        }
    if sort == "rating":
        body["sort"] = [{"rating_bayesian": "desc"}, "_score", {"translation_key": "asc"}]
    elif sort == "newest":
        body["sort"] = [{"published": {"order": "desc", "missing": "_last"}}, "_score"]
    if query:
        highlight_fields = {}
        for code in LOCALES:
            for field, fragments in (("title", 0), ("summary", 1)):
                for suffix in (f".{code}",):
                    highlight_fields[f"{field}_{code}{suffix}"] = {
                        "number_of_fragments": fragments,
                        "fragment_size": 160,
                    }
        body["highlight"] = {
            # Highlight what the weighted match found; fuzzy expansions make it slow.
            "highlight_query": {
                "bool": {
                    "should": [
                        must[0]["bool"]["should"][0],
                        *filter(None, [_synonym_highlight_query(words.terms, locale)]),
                    ]
                }
            },
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": highlight_fields,
        }
    return body
