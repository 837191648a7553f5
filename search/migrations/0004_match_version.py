"""PostgreSQL only: a sequence the narrow-row triggers advance on every change, so the
fallback's cached answers (search.database._cached) are keyed by the data they came from."""

import importlib

from django.db import migrations

from ._postgres import run

_rows = importlib.import_module("search.migrations.0003_match_rows")

_ADVANCE = "PERFORM nextval('search_documentmatch_version');"


def _function(name, statement):
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {statement};
        {_ADVANCE}
        RETURN NULL;
    END $$"""


FORWARD = [
    "CREATE SEQUENCE IF NOT EXISTS search_documentmatch_version",
    _function("search_documentmatch_upsert", _rows._UPSERT.format(source="changed_documents")),
    _function(
        "search_documentmatch_delete",
        "DELETE FROM search_documentmatch m USING removed_documents r WHERE m.document_id = r.id",
    ),
    _function("search_documentmatch_truncate", "TRUNCATE search_documentmatch"),
]
BACKWARD = [
    _function("search_documentmatch_upsert", _rows._UPSERT.format(source="changed_documents")).replace(
        _ADVANCE, ""
    ),
    _function(
        "search_documentmatch_delete",
        "DELETE FROM search_documentmatch m USING removed_documents r WHERE m.document_id = r.id",
    ).replace(_ADVANCE, ""),
    _function("search_documentmatch_truncate", "TRUNCATE search_documentmatch").replace(
        _ADVANCE, ""
    ),
    "DROP SEQUENCE IF EXISTS search_documentmatch_version",
]



class Migration(migrations.Migration):
    dependencies = [("search", "0003_match_rows")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
