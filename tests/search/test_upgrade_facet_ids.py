"""A fallback database from before facet ids (search 0004) upgrades without losing a row: the
resources stored by the previous release are found, counted and filtered by facet afterwards,
and the upgrade can be undone."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search import database

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQLite fallback has no narrow rows"
)

BEFORE_FACET_IDS = ("search", "0004_match_version")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_stored_before_facet_ids_are_counted_and_filtered_after_the_upgrade(settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    try:
        old = _migrate([BEFORE_FACET_IDS])
        Document = old.get_model("search", "SearchDocument")
        for title, regions, media_format in [
            ("field guide one", ["lb"], "guide"),
            ("field guide two", ["lb", "eg"], "video"),
            ("field guide three", ["eg"], "guide"),
        ]:
            Document.objects.create(
                translation_key=uuid.uuid4(),
                title=title,
                text=title,
                display={"en": {"title": title, "summary": ""}},
                categories=["privacy"],
                languages=["en"],
                regions=regions,
                media_format=media_format,
                license="CC0-1.0",
            )
        _migrate(_latest())

        _hits, total, facets = database.search("guide", "en", {}, "relevance", 1, 20)
        assert total == 3
        assert facets["region"] == [("eg", 2), ("lb", 2)]
        assert facets["format"] == [("guide", 2), ("video", 1)]
        hits, total, facets = database.search(
            "guide", "en", {"region": ["lb"], "format": ["guide"]}, "relevance", 1, 20
        )
        assert [hit["display"]["en"]["title"] for hit in hits] == ["field guide one"]
        assert facets["format"] == [("guide", 1), ("video", 1)]  # under the region filter
        assert facets["region"] == [("eg", 1), ("lb", 1)]  # under the format filter

        # Undone, the previous release's rows are all still there to search.
        _migrate([BEFORE_FACET_IDS])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_documentmatch")
            assert cursor.fetchone()[0] == 3
    finally:
        _migrate(_latest())
