"""The PostgreSQL fallback's concept tags: a search naming a concept finds its matches by the
concept's tag, and finds exactly what the concept's forms find; a vocabulary change is followed
at once (by the forms) and re-tagged after the commit, without a manual step; re-tagging every
row and re-tagging concept by concept give each row the concepts its words match; the health
command reports tags out of date and the sync command brings them up to date."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from search import concept_tags, database, query_words, services, synonyms
from search.database import matching
from vocabulary.models import Concept

from .conftest import index, make_resource

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="tags exist in the PostgreSQL fallback only"
)


_CONCEPTS = [
    {
        "identifier": "encryption",
        "label_en": "encryption",
        "variants_en": "encrypt\nencrypted\nend to end encryption",
        "label_ar": "التشفير",
        "variants_ar": "تشفير\nمشفر",
    },
    {
        "identifier": "digital-security",
        "label_en": "digital security",
        "variants_en": "cybersecurity\ninformation security",
        "label_ar": "الأمن الرقمي",
        "variants_ar": "أمن المعلومات",
    },
]


def _concepts():
    for fields in _CONCEPTS:
        Concept.objects.create(**fields)


def _resources():
    return [
        make_resource("Encrypted mail for newsrooms", rating=(4, 4.5)),
        make_resource("End to end encryption explained"),
        make_resource("A guide to digital security", body="Encrypt your phone first."),
        make_resource("Cybersecurity guide for trainers", rating=(9, 3.0)),
        make_resource("Security of digital archives"),  # both words, apart
        make_resource("Information security basics", summary="Who should encrypt what."),
        make_resource("دليل الأمن الرقمي للصحفيين", locale="ar", languages=["ar"]),
        make_resource("رسائل مشفرة", locale="ar", body="والتشفير أولا", languages=["ar"]),
        make_resource("أمن المعلومات في المنظمات", locale="ar", languages=["ar"]),
        make_resource("Video editing guide", media_format="video"),
        make_resource("Community radio"),
    ]


_QUERIES = [
    "encryption",
    "encrypted",
    "والتشفير",  # a particle attached to a variant
    "digital security",
    "digital security guide",  # a concept and a plain word
    "الأمن الرقمي",
    "encryption digital security",  # two concepts
    "end to end encryption",
    "guide",  # no concept: no tag
]


def _answer(query, filters=None):
    hits, total, facets = database.search(query, "en", filters or {}, "relevance", 1, 50)
    return [hit["translation_key"] for hit in hits], total, facets


def _row_tags(vector="match_vector"):
    """Per row, the tags its words' vector (or its title's: rank_vector) holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT document_id, ARRAY(SELECT lexeme FROM unnest({vector}) "
            "WHERE left(lexeme, 1) = '#' ORDER BY lexeme) FROM search_documentmatch"
        )
        return dict(cursor.fetchall())


def _expected_tags(vector="match_vector"):
    """Per row, the concepts whose stored query its words (or its title) match, found the slow
    way."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.document_id, ARRAY(SELECT '#' || c.identifier FROM search_concepttag c "
            f"WHERE m.{vector} @@ c.query ORDER BY 1) FROM search_documentmatch m"
        )
        return dict(cursor.fetchall())


def _all_tags_right():
    return all(_row_tags(vector) == _expected_tags(vector) for vector in VECTORS)


VECTORS = ("match_vector", "rank_vector")


@pytest.mark.django_db
@pytest.mark.parametrize("filters", [{}, {"language": ["ar"]}])
def test_a_concept_is_found_by_its_tag_exactly_as_by_its_forms(
    database_backend, monkeypatch, filters
):
    _concepts()
    concept_tags.sync()
    index(*_resources())  # tagged as they are written
    answers = {query: _answer(query, filters) for query in _QUERIES}
    for query in _QUERIES:
        groups = query_words._groups(query)
        uses_tags = bool(matching._match(groups).concepts)
        assert uses_tags == (query != "guide"), query
    monkeypatch.setattr(concept_tags, "usable_tags", lambda groups: {})
    assert {query: _answer(query, filters) for query in _QUERIES} == answers
    # and the tags found something: the comparison is not between two empty answers
    least = 1 if filters else 4
    assert answers["encryption"][1] >= least and answers["digital security"][1] >= least


@pytest.mark.django_db
@pytest.mark.parametrize("full", [True, False])
def test_re_tagging_gives_every_row_the_concepts_its_words_match(
    database_backend, monkeypatch, full
):
    index(*_resources())  # written before the concepts exist: no tags
    assert not any(_row_tags().values())
    _concepts()
    monkeypatch.setattr(concept_tags, "FULL_RETAG_CONCEPTS", 0 if full else 100)
    assert concept_tags.stale() == ["digital-security", "encryption"]
    assert concept_tags.sync() == 2
    assert _all_tags_right()
    assert sum("#encryption" in row for row in _row_tags().values()) >= 5
    assert sum("#encryption" in row for row in _row_tags("rank_vector").values()) >= 3
    assert concept_tags.stale() == [] and concept_tags.sync() == 0
    # A concept that is gone leaves no tag behind.
    Concept.objects.filter(identifier="encryption").delete()
    assert concept_tags.sync() == 1
    assert not any("#encryption" in row for vector in VECTORS for row in _row_tags(vector).values())


@pytest.mark.django_db
def test_a_vocabulary_change_is_searched_at_once_and_re_tagged_after_commit(
    database_backend, django_capture_on_commit_callbacks
):
    _concepts()
    concept_tags.sync()
    zine = make_resource("Zine about ciphers")
    index(zine, *_resources()[:3])
    assert services.search("encryption", "en")["count"] == 3
    concept = Concept.objects.get(identifier="encryption")
    concept.variants_en += "\nciphers"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        concept.save()
    # Before the re-tagging: the stored tag no longer says what the concept's forms find, so
    # the search reads the forms, new variant included.
    groups = query_words._groups("encryption")
    assert not matching._match(groups).concepts
    assert services.search("encryption", "en")["count"] == 4
    for callback in callbacks:  # what the commit runs (inline in tests: no thread)
        callback()
    assert matching._match(groups).concepts == "'#encryption'"
    assert services.search("encryption", "en")["count"] == 4
    assert "#encryption" in _row_tags()[_document_id(zine)]
    concept.variants_en = concept.variants_en.replace("\nciphers", "")
    with django_capture_on_commit_callbacks(execute=True):
        concept.save()
    assert matching._match(query_words._groups("encryption")).concepts == "'#encryption'"
    assert services.search("encryption", "en")["count"] == 3


def _document_id(page):
    from search.models import SearchDocument

    return SearchDocument.objects.get(translation_key=page.translation_key).pk


@pytest.mark.django_db
def test_health_reports_tags_out_of_date_and_sync_brings_them_up_to_date(database_backend):
    index(*_resources()[:4])
    _concepts()
    out = StringIO()
    call_command("search_index", "health", stdout=out)
    assert "database fallback concept tags: 2 concepts OUT OF DATE (slower)" in out.getvalue()
    out = StringIO()
    call_command("search_index", "sync", "--no-progress", stdout=out)
    assert "Re-tagged the fallback for 2 concepts." in out.getvalue()
    out = StringIO()
    call_command("search_index", "health", stdout=out)
    assert "database fallback concept tags: current" in out.getvalue()
    assert _all_tags_right()


@pytest.mark.django_db
def test_a_rewritten_row_is_tagged_by_its_words_as_they_are_now(database_backend):
    _concepts()
    concept_tags.sync()
    radio, mail = make_resource("Community radio"), make_resource("Encrypted mail")
    index(radio, mail)
    assert "#encryption" not in _row_tags()[_document_id(radio)]
    assert "#encryption" in _row_tags()[_document_id(mail)]
    for page, title in ((radio, "Encrypted community radio"), (mail, "Plain mail")):
        page.title = title
        page.save_revision().publish()
    index(radio, mail)
    for vector in VECTORS:
        assert "#encryption" in _row_tags(vector)[_document_id(radio)]
        assert "#encryption" not in _row_tags(vector)[_document_id(mail)]
    assert titles(services.search("encryption", "en")) == ["Encrypted community radio"]
    # Written again unchanged (as a rebuild does), a row keeps the tags it has.
    before = [_row_tags(vector) for vector in VECTORS]
    index(radio, mail)
    assert [_row_tags(vector) for vector in VECTORS] == before
    assert _all_tags_right()


def titles(response):
    return [result["title"] for result in response["results"]]


@pytest.mark.django_db
def test_a_row_rewritten_while_re_tagging_is_under_way_follows_the_new_queries(
    database_backend,
):
    _concepts()
    concept_tags.sync()
    zine = make_resource("Zine about ciphers")
    index(zine)
    assert "#encryption" not in _row_tags()[_document_id(zine)]
    concept = Concept.objects.get(identifier="encryption")
    concept.variants_en += "\nciphers"
    concept.save()
    # A sync has stored the new query and is re-tagging (its UPDATE of this row may be waiting
    # to commit) when the row is written again, unchanged: it must not keep its old tags.
    concept_tags._store_queries(concept_tags.wanted(), ["encryption"])
    index(zine)
    assert "#encryption" in _row_tags()[_document_id(zine)]
    assert "#encryption" in _row_tags("rank_vector")[_document_id(zine)]


@pytest.mark.django_db(transaction=True)
def test_a_cached_answer_is_not_read_after_a_vocabulary_change(settings):
    from sitebuild.site_structure import ensure_site

    ensure_site()  # transactional tests start from an emptied database
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": "", "FALLBACK_CACHE_SECONDS": 60}
    _concepts()  # committed: the vocabulary thread's work runs inline in tests, tags included
    index(make_resource("Zine about ciphers"), make_resource("Encrypted mail"))
    assert matching._match(query_words._groups("encryption")).concepts == "'#encryption'"
    assert titles(services.search("encryption", "en")) == ["Encrypted mail"]
    concept = Concept.objects.get(identifier="encryption")
    concept.variants_en += "\nciphers"
    concept.save()  # re-tagged after its commit; the search is tagged the same way as before
    assert matching._match(query_words._groups("encryption")).concepts == "'#encryption'"
    response = services.search("encryption", "en")
    assert sorted(titles(response)) == ["Encrypted mail", "Zine about ciphers"]
    assert response["count"] == 2


@pytest.mark.django_db
def test_the_fallback_is_re_tagged_when_the_engine_is_down(database_backend, settings):
    index(*_resources()[:3])
    _concepts()
    # An engine URL nothing listens on: the fallback is what answers, so it must be re-tagged.
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": "http://127.0.0.1:9"}
    with pytest.raises(Exception):  # noqa: B017 - whatever the client raises for a closed port
        synonyms.refresh()
    assert concept_tags.stale() == []
    assert _all_tags_right()
