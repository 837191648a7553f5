"""The fallback's rows (search.SearchDocument): written from the documents search.documents
builds, with Arabic words that carry particles also written bare; COPY on PostgreSQL for the
large batches of a rebuild."""

import json

from django.db import connection, transaction
from django.db.models import JSONField

from ..documents import LOCALES
from ..models import SearchDocument
from ..normalization import PARTICLE_INITIALS, normalize, particle_forms, words

_FACET_COLUMNS = {
    "category": "categories",
    "language": "languages",
    "format": "media_format",
    "region": "regions",
    "license": "license",
    "level": "level",
    "audience": "audience",
    "max_minutes": "minute_steps",
}


def _longest(values):
    """The `max_minutes` filter's minutes: it keeps resources stated to take at most this."""
    return max(int(value) for value in values)


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
        # A row that would not change is left alone: a rebuild rewrites every row, and most
        # are as they were (no new row version, no index entries, no WAL for them).
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} "
            f"FROM search_document_batch ON CONFLICT (translation_key) DO UPDATE SET {updates} "
            f"WHERE ({', '.join(f'{table}.{column}' for column in columns)}) "
            f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{column}' for column in columns)})"
        )
        # Dropped now, not only at commit: a caller's transaction may store several batches.
        cursor.execute("DROP TABLE search_document_batch")


def _searchable(text):
    """`text` normalised, followed by its Arabic words that carry attached particles written
    bare ("والتشفير" adds "تشفير" and "التشفير"), so a word search finds them either way."""
    normalised = normalize(text)
    bare = [
        form
        for word in words(normalised)
        if word[0] in PARTICLE_INITIALS
        for form in particle_forms(word)
    ]
    return f"{normalised} {' '.join(bare)}" if bare else normalised


def _row(doc):
    def both(field):
        return _searchable(" ".join(doc[f"{field}_{code}"] for code in LOCALES))

    fields = {
        "title": both("title"),
        # Tags are slugs ("threat-modeling"): as words, so vocabulary terms match them.
        "tags": _searchable(" ".join(doc["tags"]).replace("-", " ")),
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
        level=doc.get("level") or "",
        audience=doc.get("audience", []),
        minute_steps=doc.get("max_minutes", []),
        time_minutes=doc.get("time_minutes"),
        publisher=doc.get("publisher", ""),
        source_url=doc["source_url"],
        rating_average=doc["rating_average"],
        rating_count=doc["rating_count"],
        rating_bayesian=doc["rating_bayesian"],
        published_at=doc["published"],
    )
