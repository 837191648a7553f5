"""The OpenSearch backend: index mapping, versioned index behind an alias, bulk indexing and
query building. Only this module talks to the engine (queries use DSL that Elasticsearch shares).

The engine may be one node or a cluster: the client gets every node listed in the settings
(requests go to each in turn; one that fails to connect or times out is retried on another),
and indexes get the configured number of replicas.
"""

import logging
import time
from functools import cache
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import ConnectionTimeout, NotFoundError, RequestError, TransportError

from .documents import LOCALES, facet_value_list, shown_locale
from .normalization import normalize

logger = logging.getLogger(__name__)

FACETS = [
    "category",
    "language",
    "format",
    "region",
    "license",
    # Session metadata (library.session_metadata). max_minutes counts the "under N minutes"
    # steps a resource fits in, and filters by its stated time (see _filter_clause).
    "level",
    "audience",
    "max_minutes",
]
# BM25 weights: title > tags > summary > body.
FIELD_WEIGHTS = {"title": 6.0, "tags": 3.0, "summary": 2.0, "body": 1.0}
LOCALE_BOOST = 1.5  # the requested locale's text counts more than the other's
PHRASE_BOOST = 4.0
PHRASE_WINDOW = 200  # the best matches the phrase bonus re-scores
# The vocabulary's other names for what was typed (the other language above all) count for
# less than the typed words themselves, so exact-language matches rank first.
SYNONYM_BOOST = 0.5
# The combined text a synonym is matched in stands for title, tags, summary and body at once:
# about their mean weight.
SYNONYM_FIELD_WEIGHT = 3.0
RATING_BOOST = 3.0
RATING_PIVOT = 3.0  # an unrated resource (PRIOR_MEAN) gets half the rating boost
COMBINED_FACETS = "facets"  # the aggregation over facet_values
FACET_SIZE = 300  # more than any vocabulary in use (categories 40, regions ~250)
MAX_RESULT_WINDOW = 10_000
# Creating an index, changing settings and aliases wait for the cluster to apply the change on
# every node (new shards started), which on a busy cluster takes far longer than a search may.
ADMIN_TIMEOUT = 60


class EngineUnavailable(Exception):
    """The engine is not configured, unreachable or has no index yet."""


def nodes():
    """The engine's node URLs: TASHARUK_SEARCH["URL"], one URL or several separated by commas."""
    return [
        url.strip() for url in settings.TASHARUK_SEARCH.get("URL", "").split(",") if url.strip()
    ]


def configured():
    return bool(nodes())


def alias_name():
    return f"{settings.TASHARUK_SEARCH['INDEX_PREFIX']}-resources"


def replicas():
    """Copies of each shard besides the primary (TASHARUK_SEARCH["REPLICAS"])."""
    return int(settings.TASHARUK_SEARCH.get("REPLICAS", 0))


@cache
def _client(urls, user, password, api_key, ca_certs, timeout, retries):
    """One client (and connection pool per node) for each configuration.

    Requests go to the nodes in turn. One that cannot connect or times out is retried on the
    next node, and the failed node is left out for a minute (doubling while it keeps failing),
    so a node that is down costs one refused connection, not a timeout per search. No sniffing
    (asking the cluster for its other nodes): the nodes listed are the ones used, which is what
    a managed cluster behind one endpoint, or nodes on loopback, need.
    """
    if user and api_key:
        raise ImproperlyConfigured("Set a search engine user or an API key, not both.")
    retries = len(urls) - 1 if retries is None else retries
    options = {}
    if user:
        options["http_auth"] = (user, password)
    if api_key:
        options["headers"] = {"authorization": f"ApiKey {api_key}"}
    if ca_certs:
        options["ca_certs"] = ca_certs  # certificates are always verified; this adds a CA
    return OpenSearch(
        hosts=list(urls),
        timeout=timeout,
        max_retries=retries,
        retry_on_timeout=retries > 0,
        pool_maxsize=8,
        **options,
    )


def client():
    if not configured():
        raise EngineUnavailable("no search engine configured")
    config = settings.TASHARUK_SEARCH
    return _client(
        tuple(nodes()),
        config.get("USER", ""),
        config.get("PASSWORD", ""),
        config.get("API_KEY", ""),
        config.get("CA_CERTS", ""),
        float(config.get("TIMEOUT", 10)),
        config.get("RETRIES"),
    )


def _unavailable(error):
    return isinstance(error, EngineConnectionError | ConnectionTimeout | NotFoundError)


_TEXT_FILTERS = ["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"]
ANALYZERS = {"ar": "tasharuk_arabic", "en": "tasharuk_english"}
# Query-time only: the typed words plus the vocabulary's other names for them, analysed as each
# language's stemmed sub-fields are (see index_body).
SYNONYM_ANALYZERS = {"ar": "tasharuk_arabic_synonyms", "en": "tasharuk_english_synonyms"}


def _synonym_rules():
    from vocabulary.lookup import synonym_rules

    return synonym_rules()


# Raised whenever index_body's fields or analysis change: the index then counts as out of date
# like one built with an older vocabulary, and `search_index sync` (or the next vocabulary
# change) builds a new version. 2: combined text fields for synonyms, offsets for highlights,
# one combined facet field. 3: the publisher's slug as a keyword (the `publisher` filter).
# 4: session metadata (level, audience, "under N minutes" steps, time in minutes).
INDEX_LAYOUT = 4


def index_fingerprint(rules=None):
    """What an index built now with `rules` (default: the vocabulary's) records about itself:
    the index layout and the vocabulary's fingerprint."""
    from vocabulary.lookup import fingerprint

    return f"layout-{INDEX_LAYOUT}:{fingerprint(rules)}"


def index_body(rules=None):
    """Settings and mapping of the resource index (`rules`: the vocabulary's synonym rules,
    read from the vocabulary when not given)."""
    rules = _synonym_rules() if rules is None else rules

    def text(*languages):
        """Unstemmed (phrases, fuzzy matching) with a stemmed sub-field per language.

        The stemmed sub-fields keep each word's character offsets: results are highlighted on
        them, and with offsets in the index the highlighter reads where the query's words are
        instead of analysing every hit's text again through the vocabulary's synonym graph."""
        return {
            "type": "text",
            "analyzer": "tasharuk_folded",
            "fields": {
                code: {"type": "text", "analyzer": ANALYZERS[code], "index_options": "offsets"}
                for code in languages
            },
        }

    keyword = {"type": "keyword"}
    facet = {"type": "keyword", "eager_global_ordinals": True}  # ready after each refresh
    properties = {
        "translation_key": keyword,
        "locales": keyword,
        # Shared by both translations: both languages' analyzers and both combined fields.
        "tags": {**text(*LOCALES), "copy_to": [f"all_{code}" for code in LOCALES]},
        "title_suggest": {"type": "search_as_you_type", "analyzer": "tasharuk_folded"},
        "category": facet,
        "language": facet,
        "format": facet,
        "region": facet,
        "license": facet,
        "level": facet,
        "audience": facet,
        "max_minutes": facet,
        "time_minutes": {"type": "integer"},
        "facet_values": facet,  # "facet:value" for each of the above (facet_values())
        "publisher": keyword,  # the publisher's slug: a filter, not a facet
        "source_url": {"type": "keyword", "index": False},
        "rating_average": {"type": "float"},
        "rating_count": {"type": "integer"},
        "rating_bayesian": {"type": "float"},
        "rating_boost": {"type": "rank_feature"},
        "published": {"type": "date"},
        "display": {"type": "object", "enabled": False},
    }
    # Each translation is indexed (and queried) through its own language's analyzer only; that
    # halves the indexing work with no loss on real text. The body, the bulk of every document,
    # is only ever matched word by word, so it has no unstemmed copy and no positions, and it is
    # left out of the stored _source (nothing reads it back; rebuilds start from the database).
    #
    # All of a translation's text is also copied into one combined field, which the
    # vocabulary's synonyms are matched against (see _synonym_query): one field to read per
    # language instead of four.
    for code in LOCALES:
        combined = f"all_{code}"
        properties[f"title_{code}"] = {**text(code), "copy_to": combined}
        properties[f"summary_{code}"] = {**text(code), "copy_to": combined}
        properties[f"body_{code}"] = {
            "type": "text",
            "analyzer": ANALYZERS[code],
            "index_options": "freqs",
            "copy_to": combined,
        }
        # No positions (like the body): a multi-word synonym matches when all its words are
        # in the text, without reading every word's positions in every long body.
        properties[combined] = {
            "type": "text",
            "analyzer": ANALYZERS[code],
            "index_options": "freqs",
        }
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": replicas(),
            "refresh_interval": "1s",
            # Every search aggregates five facets over all its matches: let a search use both
            # cores of a small server (two slices of the segments searched concurrently).
            "search.concurrent_segment_search.mode": "auto",
            "search.concurrent.max_slice_count": 2,
            "analysis": {
                "filter": {
                    "ar_stop": {"type": "stop", "stopwords": "_arabic_"},
                    "ar_stem": {"type": "stemmer", "language": "arabic"},
                    "en_stop": {"type": "stop", "stopwords": "_english_"},
                    "en_possessive": {"type": "stemmer", "language": "possessive_english"},
                    # Porter2 (Snowball English): encrypt, encrypted, encrypting and encryption
                    # share one stem, which the lighter KStem does not give them.
                    "en_stem": {"type": "stemmer", "language": "porter2"},
                    # Every concept's labels and variants, both languages, as one equivalence
                    # rule. At query time only, so a vocabulary change needs a new index version
                    # (the engine has no reloadable analyzers without a plugin), never a re-read
                    # of the documents' text analysis.
                    "vocabulary_synonyms": {
                        "type": "synonym_graph",
                        # The filter needs a rule; this one names nothing anybody types.
                        "synonyms": rules or ["tasharukunused, tasharukunused2"],
                        "lenient": True,
                    },
                },
                "analyzer": {
                    "tasharuk_folded": {"tokenizer": "standard", "filter": _TEXT_FILTERS},
                    "tasharuk_arabic": {
                        "tokenizer": "standard",
                        "filter": [*_TEXT_FILTERS, "ar_stop", "ar_stem"],
                    },
                    "tasharuk_english": {
                        "tokenizer": "standard",
                        "filter": ["en_possessive", *_TEXT_FILTERS, "en_stop", "en_stem"],
                    },
                    # Stop words and stemming come after the synonym graph, so multi-word
                    # terms ("freedom of expression") are matched whole before "of" goes.
                    # Then the copies stemming makes of one word (encrypt, encrypted,
                    # encrypting all become "encrypt") go: each copy was read and scored again.
                    "tasharuk_arabic_synonyms": {
                        "tokenizer": "standard",
                        "filter": [
                            *_TEXT_FILTERS,
                            "vocabulary_synonyms",
                            "ar_stop",
                            "ar_stem",
                            "remove_duplicates",
                        ],
                    },
                    "tasharuk_english_synonyms": {
                        "tokenizer": "standard",
                        "filter": [
                            "en_possessive",
                            *_TEXT_FILTERS,
                            "vocabulary_synonyms",
                            "en_stop",
                            "en_stem",
                            "remove_duplicates",
                        ],
                    },
                },
            },
        },
        "mappings": {
            "_meta": {"vocabulary": index_fingerprint(rules)},
            "dynamic": "strict",
            "_source": {"excludes": [f"body_{code}" for code in LOCALES]},
            "properties": properties,
        },
    }


def engine_document(doc):
    """The engine's version of a document built by search.documents."""
    return {
        **doc,
        "rating_boost": max(doc["rating_bayesian"], 0.01),
        "facet_values": facet_values(doc),
    }


def facet_values(doc):
    """Every facet value of `doc` as "facet:value", for counting all facets in one pass."""
    return [f"{facet}:{value}" for facet in FACETS for value in facet_value_list(doc.get(facet))]


# --- Index lifecycle ---------------------------------------------------------------------------


# While a rebuild fills a new index nobody searches yet: no refreshes, the translog synced in
# the background rather than on every bulk request (a crash just means rebuild again), and no
# replicas: each document is analysed once, and the replicas are copied as finished segments
# afterwards, which costs the cluster far less than indexing every document on every copy.
_BUILD_SETTINGS = {
    "refresh_interval": "-1",
    "translog.durability": "async",
    "number_of_replicas": 0,
}
_SERVING_SETTINGS = {"refresh_interval": "1s", "translog.durability": "request"}
# Settings only OpenSearch knows; an Elasticsearch-API engine refuses an index that has them.
_OPENSEARCH_ONLY_SETTINGS = [
    "search.concurrent_segment_search.mode",
    "search.concurrent.max_slice_count",
]


def create_index(for_rebuild=False):
    """Create a new versioned index (not yet behind the alias) and return its name.

    `for_rebuild`: tuned for bulk loading until `finish_rebuild(name)`."""
    name = f"{alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"
    body = index_body()
    if for_rebuild:
        body["settings"].update(_BUILD_SETTINGS)
    if client().info().get("version", {}).get("distribution") != "opensearch":
        for setting in _OPENSEARCH_ONLY_SETTINGS:
            body["settings"].pop(setting, None)
    try:
        client().indices.create(index=name, body=body, request_timeout=ADMIN_TIMEOUT)
    except RequestError as error:
        # A retry (another node, after a timeout) of a request whose first attempt did create
        # the index: the name is unique to this call, so the index there is this one.
        if error.error != "resource_already_exists_exception":
            raise
    return name


def finish_rebuild(name):
    """Restore the serving settings of an index filled by a rebuild, make it searchable, and
    wait (TASHARUK_SEARCH["REPLICA_WAIT_SECONDS"] at most) until its replicas are copied, so
    the alias never moves to an index a single node's loss would take away."""
    serving = {**_SERVING_SETTINGS, "number_of_replicas": replicas()}
    client().indices.put_settings(
        index=name, body={"index": serving}, request_timeout=ADMIN_TIMEOUT
    )
    client().indices.refresh(index=name, request_timeout=ADMIN_TIMEOUT)
    if replicas():
        wait = int(settings.TASHARUK_SEARCH.get("REPLICA_WAIT_SECONDS", 120))
        status = client().cluster.health(
            index=name, wait_for_status="green", timeout=f"{wait}s", request_timeout=wait + 30
        )
        if status.get("timed_out"):
            # Searches still work from the primaries; the cluster copies the replicas as soon
            # as a node can take them (too few nodes for the replica count, or no disk room).
            logger.warning(
                "index %s is %s: its %d replicas are not all assigned yet",
                name,
                status.get("status"),
                replicas(),
            )


def alias_target():
    """The index the alias points at, or None."""
    try:
        aliases = client().indices.get_alias(name=alias_name())
    except NotFoundError:
        return None
    return next(iter(aliases), None)


def index_vocabulary(name=None):
    """The layout and vocabulary fingerprint (index_fingerprint) the index (default: the
    alias's) was built with, or None."""
    name = name or alias_target()
    if name is None:
        return None
    mapping = client().indices.get_mapping(index=name)
    return next(iter(mapping.values()))["mappings"].get("_meta", {}).get("vocabulary")


def ensure_index():
    """Make sure the alias exists (an empty index behind it on first use)."""
    if alias_target() is None:
        name = create_index()
        client().indices.put_alias(index=name, name=alias_name(), request_timeout=ADMIN_TIMEOUT)


def swap_alias(new_index):
    """Point the alias at `new_index` in one atomic step; delete the index it left."""
    old = alias_target()
    actions = [{"add": {"index": new_index, "alias": alias_name()}}]
    if old:
        actions.insert(0, {"remove": {"index": old, "alias": alias_name()}})
    client().indices.update_aliases(body={"actions": actions}, request_timeout=ADMIN_TIMEOUT)
    if old and old != new_index:
        client().indices.delete(index=old, ignore_unavailable=True, request_timeout=ADMIN_TIMEOUT)


def bulk_index(documents, index=None, strict=False):
    """Index or delete documents: `documents` maps translation_key to a document or None.

    Deleting what is not there is fine; with `strict`, any failed item raises."""
    index = index or alias_name()
    actions = []
    for key, doc in documents.items():
        if doc is None:
            actions.append({"_op_type": "delete", "_index": index, "_id": str(key)})
        else:
            actions.append({"_index": index, "_id": str(key), "_source": engine_document(doc)})
    if actions:
        _ok, errors = helpers.bulk(client(), actions, raise_on_error=False, refresh=False)
        failed = [e for e in errors if strict or "delete" not in e]
        if failed:
            raise RuntimeError(f"{len(failed)} documents failed to index: {failed[:3]}")


def refresh():
    client().indices.refresh(index=alias_name(), request_timeout=ADMIN_TIMEOUT)


def health():
    """Engine name and version, cluster status and nodes, alias target, document count and the
    index's replicas (None without an index)."""
    info = client().info()
    cluster = client().cluster.health()
    target = alias_target()
    count = client().count(index=alias_name())["count"] if target else None
    index_replicas = None
    if target:
        index_settings = client().indices.get_settings(
            index=target, name="index.number_of_replicas"
        )
        index_replicas = int(index_settings[target]["settings"]["index"]["number_of_replicas"])
    return {
        "engine": info.get("version", {}).get("distribution", "elasticsearch"),
        "version": info.get("version", {}).get("number"),
        "status": cluster["status"],
        "nodes": cluster["number_of_nodes"],
        "alias": alias_name(),
        "index": target,
        "documents": count,
        "replicas": index_replicas,
    }


# --- Queries -----------------------------------------------------------------------------------


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


def autocomplete(prefix, locale, size=8):
    """Titles starting with `prefix` (word prefixes, either language), best first."""
    body = {
        "size": size,
        "_source": ["display"],
        "query": {
            "bool": {
                "must": {
                    "multi_match": {
                        "query": normalize(prefix),
                        "type": "bool_prefix",
                        "fields": [
                            "title_suggest",
                            "title_suggest._2gram",
                            "title_suggest._3gram",
                        ],
                    }
                },
                "should": [
                    {"term": {"locales": {"value": locale, "boost": 2.0}}},
                    {"rank_feature": {"field": "rating_boost", "boost": 0.5}},
                ],
            }
        },
    }
    try:
        response = client().search(index=alias_name(), body=body)
    except (TransportError, EngineConnectionError) as error:
        raise EngineUnavailable(str(error)) from error
    return [hit["_source"]["display"] for hit in response["hits"]["hits"]]


SUGGEST_FIELDS = [f"{field}_{code}" for field in ("title", "summary") for code in LOCALES]


def spelling(query):
    """`query` with each word the index does not hold replaced by the index's closest, most
    frequent term (term suggester on the unstemmed fields); None when nothing changes."""
    text = normalize(query)
    body = {
        "size": 0,
        "suggest": {
            "text": text,
            **{
                field: {
                    "term": {
                        "field": field,
                        "suggest_mode": "missing",
                        "min_word_length": 3,
                        "sort": "score",
                    }
                }
                for field in SUGGEST_FIELDS
            },
        },
    }
    try:
        response = client().search(index=alias_name(), body=body)
    except (TransportError, EngineConnectionError) as error:
        raise EngineUnavailable(str(error)) from error
    best = {}  # (offset, length) -> (score, freq, text)
    for field in SUGGEST_FIELDS:
        for entry in response.get("suggest", {}).get(field, []):
            for option in entry["options"][:1]:
                key = (entry["offset"], entry["length"])
                candidate = (option["score"], option["freq"], option["text"])
                if key not in best or candidate > best[key]:
                    best[key] = candidate
    if not best:
        return None
    corrected, cursor = [], 0
    for (offset, length), (_score, _freq, replacement) in sorted(best.items()):
        corrected += [text[cursor:offset], replacement]
        cursor = offset + length
    corrected.append(text[cursor:])
    return "".join(corrected)


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
