"""Engine-only behaviour: signals after commit, the outbox, rebuild without downtime, fallback."""

import threading

import pytest
from django.core.management import CommandError, call_command

from search import engine, services
from search.models import PendingIndexUpdate, SearchDocument

from .conftest import index, make_resource

pytestmark = pytest.mark.django_db


def titles(response):
    return [result["title"] for result in response["results"]]


def test_publish_and_unpublish_reach_the_index_after_commit(
    engine_backend, django_capture_on_commit_callbacks
):
    page = make_resource("Draft about whistleblowers")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    engine.refresh()
    assert titles(services.search("whistleblowers", "en")) == ["Draft about whistleblowers"]
    assert not PendingIndexUpdate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    engine.refresh()
    assert services.search("whistleblowers", "en")["count"] == 0


def test_resources_published_in_one_transaction_are_indexed_in_one_pass(
    engine_backend, django_capture_on_commit_callbacks
):
    # An import publishes hundreds of pages a batch: one index pass after the commit, not
    # one per publication (each of which rebuilt documents the pass before had just built).
    first = make_resource("Draft on leak handling")
    second = make_resource("Draft on leak protection")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first.save_revision().publish()
        second.save_revision().publish()
    engine.refresh()
    assert len([c for c in callbacks if getattr(c, "__name__", "") == "flush"]) == 1
    assert sorted(titles(services.search("leak", "en"))) == [
        "Draft on leak handling",
        "Draft on leak protection",
    ]
    assert not PendingIndexUpdate.objects.exists()


def test_translation_publish_updates_the_shared_document(
    engine_backend, arabic, django_capture_on_commit_callbacks
):
    from library.translations import translate

    page = make_resource("Safe sources")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, arabic, fields={"title": "حماية المصادر"})
    engine.refresh()
    assert titles(services.search("المصادر", "ar")) == ["حماية المصادر"]


def test_update_made_while_engine_is_down_is_replayed(
    engine_backend, settings, django_capture_on_commit_callbacks
):
    working = settings.TASHARUK_SEARCH
    settings.TASHARUK_SEARCH = {**working, "URL": "http://127.0.0.1:9"}  # nothing listens
    page = make_resource("Queued while down")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert PendingIndexUpdate.objects.filter(translation_key=page.translation_key).exists()
    # Searching meanwhile answers from the database, with a notice, never an error.
    response = services.search("queued", "en")
    assert titles(response) == ["Queued while down"]
    assert "reduced mode" in response["notice"]

    settings.TASHARUK_SEARCH = working
    call_command("search_index", "sync")
    engine.refresh()
    assert not PendingIndexUpdate.objects.exists()
    response = services.search("queued", "en")
    assert titles(response) == ["Queued while down"]
    assert "notice" not in response


def test_engine_down_api_answers_from_database_with_notice(engine_backend, settings, client):
    index(make_resource("Fallback works"))
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": "http://127.0.0.1:9"}
    response = client.get("/api/v1/search/", {"q": "fallback", "locale": "en"})
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["notice"]
    page = client.get("/en/search/", {"q": "fallback"})
    assert page.status_code == 200
    assert "reduced mode" in page.content.decode()


def test_rebuild_swaps_the_alias_while_searches_keep_answering(engine_backend):
    pages = [make_resource(f"Election monitoring kit {n}") for n in range(30)]
    index(*pages)
    old_index = engine.alias_target()
    counts, errors, stop = [], [], threading.Event()

    def search_loop():
        while not stop.is_set():
            try:
                counts.append(engine.search("election", "en", {}, "relevance", 1, 5)[1])
            except Exception as error:  # noqa: BLE001
                errors.append(error)

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        call_command("search_index", "rebuild", "--no-progress")
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert counts and min(counts) == 30
    assert engine.alias_target() != old_index
    assert not engine.client().indices.exists(index=old_index)


def test_health_reports_engine_alias_and_counts(engine_backend, capsys):
    call_command("search_index", "rebuild", "--no-progress")
    call_command("search_index", "health")
    output = capsys.readouterr().out
    assert "opensearch" in output
    assert "pending updates (outbox): 0" in output


def test_database_fallback_returns_the_same_top_results(engine_backend, settings, arabic):
    from library.translations import translate

    fixture = [
        ("Digital security for journalists", "حماية الصحفيين", "Protect sources and devices."),
        ("Open data handbook", "دليل البيانات المفتوحة", "Publishing open data."),
        ("Fact-checking basics", "أساسيات التحقق", "Verify images and claims."),
        ("Mobile security", "أمن الهاتف المحمول", "Phones, apps and security."),
    ]
    for en, ar, summary in fixture:
        page = make_resource(en, summary=summary)
        translate(page, arabic, fields={"title": ar})
        index(page)
    queries = [("security", "en"), ("open data", "en"), ("الصحفيين", "ar"), ("دليل", "ar")]
    engine_top = {q: set(titles(services.search(q, loc, page_size=3))) for q, loc in queries}
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    database_top = {q: set(titles(services.search(q, loc, page_size=3))) for q, loc in queries}
    assert engine_top == database_top
    assert SearchDocument.objects.count() == len(fixture)


def test_a_repeated_search_shows_what_changed_since_it_was_answered(engine_backend, settings):
    """Searches are kept in the engine's request cache; a change must still show at once."""
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "ENGINE_REQUEST_CACHE": True}
    first = make_resource("Secure messaging for newsrooms", rating=(4, 2.0))
    index(first)
    assert titles(services.search("messaging", "en")) == ["Secure messaging for newsrooms"]
    second = make_resource("Messaging apps compared", rating=(40, 5.0))
    index(second)
    assert titles(services.search("messaging", "en", sort="rating")) == [
        "Messaging apps compared",
        "Secure messaging for newsrooms",
    ]
    assert services.search("messaging", "en")["count"] == 2
    first.unpublish()
    index(first)
    assert titles(services.search("messaging", "en")) == ["Messaging apps compared"]


def test_words_in_the_order_typed_rank_first(engine_backend):
    """The phrase bonus (applied by rescoring the best matches) lifts the title with the words
    as typed above a shorter one that only has both words, which plain scoring prefers."""
    index(
        make_resource("Rights, digital", summary="Labour and platforms."),
        make_resource("Digital rights for new trainers", summary="Labour and platforms."),
    )
    assert titles(services.search("digital rights", "en")) == [
        "Digital rights for new trainers",
        "Rights, digital",
    ]


def test_an_index_with_an_older_layout_is_rebuilt_by_sync(engine_backend, capsys):
    """An upgrade that changes the index's fields leaves the old index answering until
    `search_index sync` builds one with the new layout (health says so meanwhile)."""
    index(make_resource("Encrypted backups"))
    old_index = engine.alias_target()
    engine.client().indices.put_mapping(
        index=old_index, body={"_meta": {"vocabulary": "layout-1:0000000000000000"}}
    )
    with pytest.raises(CommandError):
        call_command("search_index", "health")
    call_command("search_index", "sync")
    assert engine.alias_target() != old_index
    assert engine.index_vocabulary() == engine.index_fingerprint()
    assert titles(services.search("encrypted", "en")) == ["Encrypted backups"]
