"""PostgreSQL only: a narrow row per fallback document (full-text vectors, facet values, rating,
date) that the fallback matches, ranks and counts over, kept current by the database itself.

A broad query matches nearly every document; reading the wide rows (texts and display JSON,
1.6 kB a row) for each match was most of its time. The narrow rows take a third of the pages.
"""

from django.db import migrations

from ._postgres import run

# 'simple': no stemming or stop words; the columns hold text already normalised in Python
# (search.database._searchable), with Arabic particles also written detached.
_MATCH_VECTOR = """
    setweight(to_tsvector('simple'::regconfig, coalesce(d.title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(d.tags, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(d.summary, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(d.body, '')), 'D')
"""
# Ranking reads only the titles (by far the heaviest field of the engine's ranking too): a
# vector small enough to stay in the row.
_RANK_VECTOR = "to_tsvector('simple'::regconfig, coalesce(d.title, ''))"
_COPIED = [
    "categories",
    "languages",
    "regions",
    "media_format",
    "license",
    "rating_bayesian",
    "published_at",
]
_COLUMNS = ", ".join(_COPIED)
_SOURCE_COLUMNS = ", ".join(f"d.{column}" for column in _COPIED)
_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in _COPIED)
_UPSERT = f"""
    INSERT INTO search_documentmatch (document_id, match_vector, rank_vector, {_COLUMNS})
    SELECT d.id, {_MATCH_VECTOR}, {_RANK_VECTOR}, {_SOURCE_COLUMNS}
    FROM {{source}} d
    ON CONFLICT (document_id) DO UPDATE SET
        match_vector = EXCLUDED.match_vector, rank_vector = EXCLUDED.rank_vector, {_UPDATES}
"""

FORWARD = [
    # The vectors move to the narrow rows.
    "DROP INDEX IF EXISTS search_document_match",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS match_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector",
    # No foreign key: Django's test flush truncates search_searchdocument without CASCADE; the
    # triggers below delete and truncate the narrow rows instead.
    """CREATE TABLE search_documentmatch (
        document_id bigint PRIMARY KEY,
        match_vector tsvector NOT NULL,
        rank_vector tsvector NOT NULL,
        categories jsonb NOT NULL,
        languages jsonb NOT NULL,
        regions jsonb NOT NULL,
        media_format varchar(20) NOT NULL,
        license varchar(40) NOT NULL,
        rating_bayesian double precision NOT NULL,
        published_at timestamp with time zone
    )""",
    # Statement-level triggers with transition tables: one set-based upsert per statement (a
    # rebuild's COPY batch, bulk_create, or a single save), not one per row.
    f"""CREATE FUNCTION search_documentmatch_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {_UPSERT.format(source="changed_documents")};
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_documentmatch_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_documentmatch m USING removed_documents r WHERE m.document_id = r.id;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_documentmatch_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_documentmatch;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_documentmatch_on_insert AFTER INSERT ON search_searchdocument
        REFERENCING NEW TABLE AS changed_documents
        FOR EACH STATEMENT EXECUTE FUNCTION search_documentmatch_upsert()""",
    """CREATE TRIGGER search_documentmatch_on_update AFTER UPDATE ON search_searchdocument
        REFERENCING NEW TABLE AS changed_documents
        FOR EACH STATEMENT EXECUTE FUNCTION search_documentmatch_upsert()""",
    """CREATE TRIGGER search_documentmatch_on_delete AFTER DELETE ON search_searchdocument
        REFERENCING OLD TABLE AS removed_documents
        FOR EACH STATEMENT EXECUTE FUNCTION search_documentmatch_delete()""",
    """CREATE TRIGGER search_documentmatch_on_truncate AFTER TRUNCATE ON search_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION search_documentmatch_truncate()""",
    _UPSERT.format(source="search_searchdocument"),
    "CREATE INDEX search_documentmatch_match ON search_documentmatch USING GIN (match_vector)",
    "ANALYZE search_documentmatch",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_documentmatch_on_insert ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_documentmatch_on_update ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_documentmatch_on_delete ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_documentmatch_on_truncate ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_documentmatch_upsert()",
    "DROP FUNCTION IF EXISTS search_documentmatch_delete()",
    "DROP FUNCTION IF EXISTS search_documentmatch_truncate()",
    "DROP TABLE IF EXISTS search_documentmatch",
    """ALTER TABLE search_searchdocument ADD COLUMN match_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(tags, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'C')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'D')
    ) STORED""",
    """ALTER TABLE search_searchdocument ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(title, ''))
    ) STORED""",
    "CREATE INDEX search_document_match ON search_searchdocument USING GIN (match_vector)",
]



class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
