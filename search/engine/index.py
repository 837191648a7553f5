"""The resource index's definition: its analysis (analyzers per language, the vocabulary's
synonyms), its mapping and settings, and the document the engine stores for a resource."""

from ..documents import LOCALES, facet_value_list
from .client import replicas
from .ranking import FACETS

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
