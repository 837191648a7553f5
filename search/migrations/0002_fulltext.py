"""PostgreSQL only: full-text vectors of the fallback documents, kept by the database itself
(generated columns) and indexed with GIN, so the fallback matches and ranks in SQL."""

from django.db import migrations

from ._postgres import run

# 'simple': no stemming or stop words; the columns hold text already normalised in Python
# (search.database._searchable), with Arabic particles also written detached.
_VECTOR = """
    setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(tags, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'C')
"""
FORWARD = [
    # Matching covers every field. Ranking reads only the titles: a vector small enough to stay
    # uncompressed in the row, where one of all the short fields cost two thirds of a broad
    # query's time to unpack (title is also by far the heaviest field of the engine's ranking).
    f"""ALTER TABLE search_searchdocument ADD COLUMN match_vector tsvector GENERATED ALWAYS AS (
        {_VECTOR} || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'D')
    ) STORED""",
    """ALTER TABLE search_searchdocument ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(title, ''))
    ) STORED""",
    "CREATE INDEX search_document_match ON search_searchdocument USING GIN (match_vector)",
]
BACKWARD = [
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS match_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector",
]



class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
