"""The database fallback: the same search contract answered from search.SearchDocument rows.

Used when no engine is configured (SQLite, `make run`) and, with a notice, when the engine is
down. Quality is lower than the engine's, by design of what a portable ORM query can do: words
match by normalised substring (so "حمايه" finds "حماية" and "خصوصيه" finds "الخصوصية", but
there is no stemming of English or Arabic plurals, no fuzzy matching and no phrase bonus), and
scoring is a simple weighted count done in Python over the matching rows. Facets, filters,
sorting and pagination behave exactly as the engine's.
"""

import json
from collections import Counter

from django.db import connection, transaction
from django.db.models import JSONField, Q
from django.utils.html import escape

from .documents import LOCALES
from .engine import FACETS, FIELD_WEIGHTS, LOCALE_BOOST, RATING_BOOST, RATING_PIVOT
from .models import SearchDocument
from .normalization import normalize, tokens

_FACET_COLUMNS = {
    "category": "categories",
    "language": "languages",
    "format": "media_format",
    "region": "regions",
    "license": "license",
}


COPY_THRESHOLD = 50  # rows; fewer (incremental updates) go through bulk_create
_STORED_FIELDS = [field for field in SearchDocument._meta.concrete_fields if field.name != "id"]


def store(documents):
    """Write (or delete, for None) the fallback rows for `documents` {translation_key: doc}."""
    gone = [key for key, doc in documents.items() if doc is None]
    if gone:
        SearchDocument.objects.filter(translation_key__in=gone).delete()
    rows = [_row(doc) for doc in documents.values() if doc is not None]
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) > COPY_THRESHOLD:
        _copy_upsert(rows)
        return
    SearchDocument.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["translation_key"],
        update_fields=[field.name for field in _STORED_FIELDS if field.name != "translation_key"],
        batch_size=500,
    )


def _copy_upsert(rows):
    """PostgreSQL: COPY the rows into a temporary table, then upsert them in one statement.

    Ten times faster than bulk_create for a rebuild's batches of long texts, whose parameters
    psycopg would otherwise escape in Python."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    columns = [connection.ops.quote_name(field.column) for field in _STORED_FIELDS]
    column_list = ", ".join(columns)
    updates = ", ".join(
        f"{column} = EXCLUDED.{column}" for column in columns if column != '"translation_key"'
    )
    values = []
    for field in _STORED_FIELDS:
        column = [field.value_from_object(row) for row in rows]
        if isinstance(field, JSONField):  # COPY takes the JSON text
            values.append([json.dumps(value, ensure_ascii=False) for value in column])
        else:
            values.append([field.get_db_prep_save(value, connection) for value in column])
    with transaction.atomic(), connection.cursor() as cursor:
        # Derived data, rebuilt at will: no need to wait for the WAL flush on commit.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            f"CREATE TEMPORARY TABLE search_document_batch ON COMMIT DROP AS "
            f"SELECT {column_list} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY search_document_batch ({column_list}) FROM STDIN") as copy:
            for row in zip(*values, strict=True):
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} "
            f"FROM search_document_batch ON CONFLICT (translation_key) DO UPDATE SET {updates}"
        )
        # Dropped now, not only at commit: a caller's transaction may store several batches.
        cursor.execute("DROP TABLE search_document_batch")


def _row(doc):
    def both(field):
        return normalize(" ".join(doc[f"{field}_{code}"] for code in LOCALES))

    fields = {
        "title": both("title"),
        "tags": normalize(" ".join(doc["tags"])),
        "summary": both("summary"),
        "body": both("body"),
    }
    return SearchDocument(
        translation_key=doc["translation_key"],
        **fields,
        text=" | ".join(fields.values()),
        display=doc["display"],
        categories=doc["category"],
        languages=doc["language"],
        media_format=doc["format"],
        regions=doc["region"],
        license=doc["license"],
        source_url=doc["source_url"],
        rating_average=doc["rating_average"],
        rating_count=doc["rating_count"],
        rating_bayesian=doc["rating_bayesian"],
        published_at=doc["published"],
    )


def _facet_values(row, facet):
    value = row[_FACET_COLUMNS[facet]]
    return value if isinstance(value, list) else [value] if value else []


def search(query, locale, filters, sort, page, page_size):
    """Same arguments and return value as search.engine.search (took is measured here)."""
    words = tokens(query)
    candidates = SearchDocument.objects.all()
    for word in words:
        candidates = candidates.filter(text__contains=word)
    columns = ["translation_key", "rating_bayesian", "published_at", *_FACET_COLUMNS.values()]
    if words:
        columns += ["title", "tags", "summary", "body", "display"]
    rows = list(candidates.values(*columns))
    selected = {facet: set(values) for facet, values in filters.items() if values}

    def passes(row, skip=None):
        return all(
            values.intersection(_facet_values(row, facet))
            for facet, values in selected.items()
            if facet != skip
        )

    facets = {}
    for facet in FACETS:
        counts = Counter(
            value for row in rows if passes(row, skip=facet) for value in _facet_values(row, facet)
        )
        facets[facet] = counts.most_common()
    matching = [row for row in rows if passes(row)]
    for row in matching:
        row["score"] = _score(row, words, locale) if words else 0.0
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


def _newest_first(row):
    published = row["published_at"]
    return (published is None, -published.timestamp() if published else 0.0)


def _score(row, words, locale):
    """Weighted occurrence count: title > tags > summary > body, whole words count double."""
    score = 0.0
    display = row["display"].get(locale, {})
    local_title = normalize(display.get("title", ""))
    for field, weight in FIELD_WEIGHTS.items():
        text = row[field]
        padded = f" {text} "
        for word in words:
            if word in text:
                score += weight * (2.0 if f" {word} " in padded else 1.0)
                if field == "title" and word in local_title:
                    score += weight * (LOCALE_BOOST - 1.0)
    return score


def _hit(document, words, locale):
    return {
        "translation_key": str(document.translation_key),
        "display": document.display,
        "source_url": document.source_url,
        "category": document.categories,
        "language": document.languages,
        "format": document.media_format,
        "region": document.regions,
        "license": document.license,
        "rating_average": document.rating_average,
        "rating_count": document.rating_count,
        "highlight": _highlight(document, words, locale),
    }


def _highlight(document, words, locale):
    """Escaped title and snippet with the matched words marked, like the engine's."""
    if not words:
        return {"title": None, "snippet": None}
    shown = document.display.get(locale) or next(iter(document.display.values()), {})
    title = _mark(shown.get("title", ""), words)
    snippet = _mark(shown.get("summary", ""), words, window=160)
    return {"title": title, "snippet": snippet}


def _mark(text, words, window=None):
    """`text` escaped, with every normalised occurrence of `words` in <mark>; None if none.

    Matching runs on the normalised text, and each normalised character remembers the original
    character it came from, so marks land on what the reader typed (with its tashkeel).
    """
    folded, origin = [], []
    for position, char in enumerate(text):
        for piece in normalize(char):
            folded.append(piece)
            origin.append(position)
    folded = "".join(folded)
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            spans.append((origin[start], origin[start + len(word) - 1] + 1))
            start = folded.find(word, start + len(word))
    if not spans:
        return None
    spans.sort()
    begin, end = 0, len(text)
    if window and len(text) > window:
        begin = max(0, spans[0][0] - window // 4)
        end = min(len(text), begin + window)
    out, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out += [escape(text[cursor:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        cursor = stop
    out.append(escape(text[cursor:end]))
    return ("… " if begin else "") + "".join(out) + (" …" if end < len(text) else "")


def autocomplete(prefix, locale, size=8):
    words = tokens(prefix)
    if not words:
        return []
    query = Q()
    for word in words:
        query &= Q(title__contains=word)
    documents = SearchDocument.objects.filter(query).order_by("-rating_bayesian")[:size]
    return [document.display for document in documents]
