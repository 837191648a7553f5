"""PostgreSQL only: every narrow row also lists its five facets' values as small integer ids, so
a fallback search counts its facets in one pass over its matches.

Counting the three JSON-array facets expanded each matched row's arrays once per facet (a third
of a second for a query matching 100,000 resources); one integer array counted in one pass takes
a fraction of that. The ids come from search_facetvalue, which the same statement triggers fill
as values first appear, so every write path (rebuild COPY, bulk_create, a single save) keeps the
ids right. Ids are never reused or removed: a value no resource has any more is simply counted
by no match.
"""

import importlib

from django.db import migrations

from ._postgres import run

_rows = importlib.import_module("search.migrations.0003_match_rows")
_version = importlib.import_module("search.migrations.0004_match_version")



def _elements(column):
    # Anything but an array holds no values (rather than failing the write that stores it).
    return (
        f"jsonb_array_elements_text(CASE WHEN jsonb_typeof({column}) = 'array' "
        f"THEN {column} ELSE '[]'::jsonb END)"
    )


# One row per facet value of document `d`, named as search.engine.FACETS names the facets. A
# value listed twice counts twice, as it did when the JSON arrays were expanded.
_DOCUMENT_FACET_VALUES = f"""
    SELECT 'category' AS facet, value FROM {_elements("d.categories")} value
    UNION ALL SELECT 'language', value FROM {_elements("d.languages")} value
    UNION ALL SELECT 'region', value FROM {_elements("d.regions")} value
    UNION ALL SELECT 'format', d.media_format WHERE d.media_format <> ''
    UNION ALL SELECT 'license', d.license WHERE d.license <> ''
"""
# Sorted, so two writers adding the same new values take their locks in the same order.
_REGISTER_VALUES = f"""
    INSERT INTO search_facetvalue (facet, value)
    SELECT DISTINCT v.facet, v.value FROM {{source}} d, LATERAL ({_DOCUMENT_FACET_VALUES}) v
    ORDER BY v.facet, v.value
    ON CONFLICT (facet, value) DO NOTHING
"""
_FACET_IDS = f"""ARRAY(
    SELECT f.id FROM ({_DOCUMENT_FACET_VALUES}) v
    JOIN search_facetvalue f ON f.facet = v.facet AND f.value = v.value
)"""
_COLUMNS = ", ".join(_rows._COPIED)
_SOURCE_COLUMNS = ", ".join(f"d.{column}" for column in _rows._COPIED)
_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in _rows._COPIED)
_UPSERT = f"""
    INSERT INTO search_documentmatch (document_id, match_vector, rank_vector, {_COLUMNS}, facet_ids)
    SELECT d.id, {_rows._MATCH_VECTOR}, {_rows._RANK_VECTOR}, {_SOURCE_COLUMNS}, {_FACET_IDS}
    FROM {{source}} d
    ON CONFLICT (document_id) DO UPDATE SET
        match_vector = EXCLUDED.match_vector, rank_vector = EXCLUDED.rank_vector, {_UPDATES},
        facet_ids = EXCLUDED.facet_ids
"""


def _upsert_function(upsert):
    """The narrow rows' upsert trigger function around `upsert` (a statement with a {source}
    placeholder): the new facet values are registered first, as the upsert reads their ids."""
    source = "changed_documents"
    statement = f"{_REGISTER_VALUES.format(source=source)};\n{upsert.format(source=source)}"
    return _version._function("search_documentmatch_upsert", statement)


FORWARD = [
    """CREATE TABLE search_facetvalue (
        id serial PRIMARY KEY,
        facet varchar(20) NOT NULL,
        value text NOT NULL,
        UNIQUE (facet, value)
    )""",
    "ALTER TABLE search_documentmatch ADD COLUMN facet_ids integer[] NOT NULL DEFAULT '{}'",
    _upsert_function(_UPSERT),
    # Existing rows: the values they hold, then their ids. The word index goes first and comes
    # back (with the titles) in the next migration, built after this one commits: updated in
    # place, or built in this transaction, it would hold every row twice (the old versions).
    _REGISTER_VALUES.format(source="search_documentmatch"),
    "DROP INDEX search_documentmatch_match",
    f"UPDATE search_documentmatch d SET facet_ids = {_FACET_IDS}",
]
BACKWARD = [
    "CREATE INDEX search_documentmatch_match ON search_documentmatch USING GIN (match_vector)",
    _version._function(
        "search_documentmatch_upsert", _rows._UPSERT.format(source="changed_documents")
    ),
    "ALTER TABLE search_documentmatch DROP COLUMN IF EXISTS facet_ids",
    "DROP TABLE IF EXISTS search_facetvalue",
]



class Migration(migrations.Migration):
    dependencies = [("search", "0004_match_version")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
