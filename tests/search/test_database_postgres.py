"""The PostgreSQL fallback's own machinery: the narrow rows it searches follow every change to
the resources, a query whose vocabulary forms overlap still finds every form, and a cached
answer never outlives a change to the resources."""

import pytest
from django.db import connection

from search import database, indexing, services, synonyms
from sitebuild.site_structure import ensure_site
from vocabulary.models import Concept

from .conftest import index, make_resource

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQLite fallback has no narrow rows or cache"
)


def titles(response):
    return sorted(result["title"] for result in response["results"])


@pytest.mark.django_db
def test_overlapping_vocabulary_forms_still_find_every_form(database_backend):
    Concept.objects.create(
        identifier="encryption",
        label_en="encryption",
        variants_en="encrypt\nencrypted\nencrypts\nend to end encryption",
        label_ar="التشفير",
        variants_ar="تشفير\nمشفر",
    )
    synonyms.refresh()
    index(
        make_resource("Encrypted mail"),
        make_resource("Encryption basics"),
        make_resource("Who encrypts files"),
        make_resource("دليل التشفير", locale="ar"),
        make_resource("ملفات مشفرة", locale="ar"),
        make_resource("Video basics"),
    )
    # The index is asked for "encrypt:*" once, not again for each longer form it covers.
    assert "'encryption':*" not in database._match_tsquery(database._groups("encryption"))
    response = services.search("encryption", "en")
    assert response["count"] == 5
    assert titles(response) == sorted(
        ["Encrypted mail", "Encryption basics", "Who encrypts files", "دليل التشفير", "ملفات مشفرة"]
    )
    assert sum(item["count"] for item in response["facets"]["format"]) == 5


@pytest.mark.django_db
def test_renamed_and_unpublished_resources_are_searched_as_they_are_now(database_backend):
    page = make_resource("Threat modelling workshop", rating=(10, 4.0))
    index(page)
    assert titles(services.search("workshop", "en")) == ["Threat modelling workshop"]
    page.title = "Threat modelling course"
    page.save_revision().publish()
    index(page)
    assert services.search("workshop", "en")["count"] == 0
    assert titles(services.search("course", "en")) == ["Threat modelling course"]
    page.unpublish()
    index(page)
    assert services.search("course", "en")["count"] == 0
    assert services.search("", "en")["count"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_cached_answer_never_outlives_a_change(settings):
    ensure_site()  # transactional tests start from an emptied database
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": "", "FALLBACK_CACHE_SECONDS": 60}
    first = make_resource("Secure messaging guide")
    indexing.update({first.translation_key})
    assert titles(services.search("messaging", "en")) == ["Secure messaging guide"]
    counted = _Statements()
    with connection.execute_wrapper(counted):
        assert titles(services.search("messaging", "en")) == ["Secure messaging guide"]
    assert (counted.ranked, counted.counted) == (0, 0)  # the same search: from the cache
    with connection.execute_wrapper(counted):
        newest = services.search("messaging", "en", sort="newest")
    assert newest["count"] == 1
    assert (counted.ranked, counted.counted) == (1, 0)  # another order only ranks again
    second = make_resource("Messaging apps compared")
    indexing.update({second.translation_key})
    response = services.search("messaging", "en")
    assert titles(response) == ["Messaging apps compared", "Secure messaging guide"]
    assert response["count"] == 2


class _Statements:
    """Counts the statements that rank matches and that count facets (what a cached answer
    skips)."""

    def __init__(self):
        self.ranked = 0
        self.counted = 0

    def __call__(self, execute, sql, params, many, context):
        self.ranked += "ts_rank" in sql
        self.counted += "facet_ids || 0" in sql
        return execute(sql, params, many, context)
