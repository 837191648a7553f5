"""Session metadata in the fallback's documents (level, audience, "under N minutes" steps and
the time in minutes), and on PostgreSQL in the narrow rows it counts and filters over."""

import importlib

from django.db import migrations, models

from ._postgres import run


# --- PostgreSQL: the narrow rows carry the session metadata too --------------------------------
# The fallback counts and filters over search_documentmatch (migrations 0003-0007): it gets the
# same four columns, and the row trigger copies them and registers their facet values, named as
# search.engine.FACETS names them (level, audience, max_minutes: the "under N minutes" steps).

_rows = importlib.import_module("search.migrations.0003_match_rows")
_version = importlib.import_module("search.migrations.0004_match_version")
_facets = importlib.import_module("search.migrations.0005_facet_ids")
_tags = importlib.import_module("search.migrations.0007_concept_tags")

_NEW = ["level", "audience", "minute_steps", "time_minutes"]
_COPIED = [*_rows._COPIED, *_NEW]
_COLUMNS = ", ".join(_COPIED)
_SOURCE_COLUMNS = ", ".join(f"d.{column}" for column in _COPIED)
_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in _COPIED)
_DOCUMENT_FACET_VALUES = (
    _facets._DOCUMENT_FACET_VALUES
    + f"""    UNION ALL SELECT 'level', d.level WHERE d.level <> ''
    UNION ALL SELECT 'audience', value FROM {_facets._elements("d.audience")} value
    UNION ALL SELECT 'max_minutes', value FROM {_facets._elements("d.minute_steps")} value
"""
)
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
_NARROW = ["match_vector", "rank_vector", *_COPIED, "facet_ids"]
_STORED = ", ".join(f"search_documentmatch.{column}" for column in _NARROW)
_EXCLUDED = ", ".join(f"EXCLUDED.{column}" for column in _NARROW)
# Migration 0007's upsert with the longer column list (see there for why it reads as it does).
_UPSERT = f"""
    INSERT INTO search_documentmatch (document_id, match_vector, rank_vector,
        {_COLUMNS}, facet_ids)
    SELECT d.id,
        CASE WHEN stored.words = v.words AND settled.yes THEN stored.match_vector
        ELSE v.words || search_concept_tags(v.words) END,
        CASE WHEN stored.title = v.title AND settled.yes THEN stored.rank_vector
        ELSE v.title || search_concept_tags(v.title) END,
        {_SOURCE_COLUMNS}, {_FACET_IDS}
    FROM {{source}} d
    CROSS JOIN LATERAL (
        SELECT {_rows._MATCH_VECTOR} AS words, {_rows._RANK_VECTOR} AS title
    ) v
    LEFT JOIN LATERAL (
        SELECT m.match_vector, m.rank_vector, search_untagged(m.match_vector) AS words,
            search_untagged(m.rank_vector) AS title
        FROM search_documentmatch m WHERE m.document_id = d.id
    ) stored ON true
    CROSS JOIN (
        SELECT NOT EXISTS (SELECT 1 FROM search_concepttag WHERE NOT current) AS yes
    ) settled
    ORDER BY d.id
    ON CONFLICT (document_id) DO UPDATE SET
        match_vector = EXCLUDED.match_vector, rank_vector = EXCLUDED.rank_vector,
        {_UPDATES}, facet_ids = EXCLUDED.facet_ids
    WHERE ({_STORED}) IS DISTINCT FROM ({_EXCLUDED})
"""


def _upsert_function(register, upsert):
    source = "changed_documents"
    statement = f"{register.format(source=source)};\n{upsert.format(source=source)}"
    return _version._function("search_documentmatch_upsert", statement)


FORWARD = [
    """ALTER TABLE search_documentmatch
        ADD COLUMN level varchar(20) NOT NULL DEFAULT '',
        ADD COLUMN audience jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN minute_steps jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN time_minutes integer""",
    _upsert_function(_REGISTER_VALUES, _UPSERT),
    # Existing documents hold no session metadata until the next index sync or rebuild writes
    # it (INDEX_LAYOUT 4 asks for one): their narrow rows are right as they are.
]
BACKWARD = [
    _facets._upsert_function(_tags._UPSERT),
    """ALTER TABLE search_documentmatch
        DROP COLUMN IF EXISTS level,
        DROP COLUMN IF EXISTS audience,
        DROP COLUMN IF EXISTS minute_steps,
        DROP COLUMN IF EXISTS time_minutes""",
]


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_publisher'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='audience',
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='level',
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='minute_steps',
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='time_minutes',
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
