"""Every listing reads the shared cache the same number of times whatever the number of cards on
it: each card's tool warning is looked up from what the request already read
(tasharuk/request_memo.py), not with a round trip to the cache server per card. On Redis, the
per-card reads were a third of a search results page's rendering time."""

import pytest
from django.core.cache import caches

from safety.statuses import set_status
from search import indexing
from tests.pages.test_query_counts import add_resources

pytestmark = pytest.mark.django_db


def cache_reads(client, url, monkeypatch):
    """How many reads of the default cache one GET of `url` makes (after a first GET)."""
    assert client.get(url).status_code == 200
    backend = caches["default"]
    reads = []
    for name in ("get", "get_many", "has_key"):
        original = getattr(backend, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counting)
    response = client.get(url)
    monkeypatch.undo()
    assert response.status_code == 200
    return len(reads), response


def test_the_library_page_reads_the_cache_as_often_with_20_cards_as_with_2(client, monkeypatch):
    warned, safe = add_resources(2)
    set_status(
        warned, "unmaintained", note_en="No release since 2019.", note_ar="لا إصدار منذ 2019."
    )
    few, _ = cache_reads(client, "/en/library/", monkeypatch)
    add_resources(18)
    many, response = cache_reads(client, "/en/library/", monkeypatch)
    assert response.content.decode().count('class="tool-warning') >= 1
    assert few == many


def test_search_results_read_the_cache_as_often_with_20_results_as_with_3(
    client, monkeypatch, settings
):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}

    def searchable(count):
        pages = add_resources(count, summary="Notes on counting cache reads.")
        indexing.update({page.translation_key for page in pages})
        return pages

    warned = searchable(3)[0]
    set_status(warned, "unsafe", note_en="Seized servers.", note_ar="خوادم مصادرة.")
    few, _ = cache_reads(client, "/en/search/?q=counting", monkeypatch)
    searchable(17)
    many, response = cache_reads(client, "/en/search/?q=counting", monkeypatch)
    assert "Seized servers." in response.content.decode()
    assert few == many
