"""What the engine offers while and after typing: title completions and spelling corrections
from the index's own terms (search.suggestions decides which to offer)."""

from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import TransportError

from ..documents import LOCALES
from ..normalization import normalize
from .client import EngineUnavailable, alias_name, client


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
