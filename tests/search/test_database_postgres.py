"""The PostgreSQL fallback's own machinery: the narrow rows it searches follow every change to
the resources, a query whose vocabulary forms overlap still finds every form, a cached answer
never outlives a change to the resources, facets count as the portable fallback counts them
(values first seen after the others included), and a broad search ranked from its titles and
ratings gets the pages that ranking every match gives."""

import random
import uuid
from collections import Counter

import pytest
from django.db import connection

from search import database, engine, indexing, query_words, services, synonyms
from search.database import counting, matching, ranking, storage
from search.models import SearchDocument
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
    assert "'encryption':*" not in query_words._match_tsquery(query_words._groups("encryption"))
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


@pytest.mark.django_db
def test_a_rebuild_rewrites_the_rows_that_changed_and_keeps_the_others(database_backend):
    """A rebuild writes its batches through COPY and leaves a row that would not change alone:
    a resource renamed behind the index's back is found by its new title only after the
    rebuild, and every other resource is still found."""
    from library.models import ResourcePage
    from search.rebuild import rebuild

    pages = [make_resource(f"Field notes workshop {number}") for number in range(60)]
    rebuild()
    assert services.search("workshop", "en")["count"] == 60

    ResourcePage.objects.filter(pk=pages[7].pk).update(title="Field notes course 7")
    assert services.search("course", "en")["count"] == 0  # the rows are as the rebuild left them
    rebuild()
    assert services.search("workshop", "en")["count"] == 59
    assert titles(services.search("course", "en")) == ["Field notes course 7"]


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


# --- facets counted from integer ids, ranking split for broad searches ------------------------

_CATEGORIES = ["privacy", "digital-security", "open-data", "media-law", "gender"]
_LANGUAGES = ["en", "ar", "fr"]
_REGIONS = ["mena", "lb", "eg", "global"]
_FORMATS = ["guide", "video", "report", ""]
_LICENSES = ["CC-BY-4.0", "CC0-1.0", ""]


def _document(title, body="", rating=0.0, **facets):
    """A fallback row written straight to the table, as the indexing pipeline writes them."""
    title = title.lower()
    return SearchDocument(
        translation_key=uuid.uuid4(),
        title=title,
        body=body,
        text=f"{title} | {body}",
        display={"en": {"title": title, "summary": ""}},
        categories=facets.get("categories", []),
        languages=facets.get("languages", ["en"]),
        regions=facets.get("regions", []),
        media_format=facets.get("media_format", ""),
        license=facets.get("license", ""),
        rating_bayesian=rating,
    )


def _varied_documents(count, seed=11):
    """`count` rows whose titles all hold "guide", some "alpha" or "beta" too (in the title or
    only in the body), with facet values, ratings (ties and zeros among them) drawn at random."""
    chance = random.Random(seed)
    rows = []
    for number in range(count):
        words = ["guide"] + chance.sample(["alpha", "beta", "gamma", "delta"], chance.randint(0, 2))
        body = " ".join(chance.sample(["alpha", "beta", "notes", "field"], 2))
        rows.append(
            _document(
                f"{' '.join(words)} {number}",
                body=body,
                rating=chance.choice([0.0, 2.5, 3.0, 3.0, 3.4, 4.1, 4.8]),
                categories=chance.sample(_CATEGORIES, chance.randint(0, 2)),
                languages=chance.sample(_LANGUAGES, chance.randint(1, 2)),
                regions=chance.sample(_REGIONS, chance.randint(0, 2)),
                media_format=chance.choice(_FORMATS),
                license=chance.choice(_LICENSES),
            )
        )
    SearchDocument.objects.bulk_create(rows)
    return rows


def _expected_facets(rows, filters):
    """(total, facets) as the portable fallback and the engine count them: OR within a facet,
    AND across facets, each facet counted under the other facets' filters."""

    def values(row, facet):
        value = getattr(row, storage._FACET_COLUMNS[facet])
        return value if isinstance(value, list) else [value] if value else []

    def passes(row, skip=None):
        return all(
            set(chosen).intersection(values(row, facet))
            for facet, chosen in filters.items()
            if facet != skip
        )

    facets = {}
    for facet in engine.FACETS:
        counts = Counter(v for row in rows if passes(row, facet) for v in values(row, facet))
        facets[facet] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return sum(passes(row) for row in rows), facets


_FILTER_CASES = [
    {},
    {"format": ["guide"]},
    {"category": ["privacy", "gender"]},
    {"category": ["privacy"], "language": ["en"]},
    {"region": ["lb", "eg"], "license": ["CC0-1.0"], "format": ["video", "report"]},
    {"language": ["ar"], "region": ["nowhere"]},  # a value no resource has
]


@pytest.mark.django_db
@pytest.mark.parametrize("filters", _FILTER_CASES)
@pytest.mark.parametrize("query", ["", "guide", "alpha"])
def test_facet_counts_under_filters_are_the_portable_fallbacks(database_backend, query, filters):
    rows = _varied_documents(60)
    matching = [row for row in rows if not query or query in row.text.split()]
    expected_total, expected_facets = _expected_facets(matching, filters)
    _hits, total, facets = database.search(query, "en", filters, "relevance", 1, 20)
    assert total == expected_total
    assert facets == expected_facets


@pytest.mark.django_db
def test_a_value_first_stored_after_the_others_is_counted_and_filtered(database_backend):
    _varied_documents(10)
    newcomer = _document("guide to a new place", regions=["atlantis"], categories=["privacy"])
    newcomer.save()
    _hits, total, facets = database.search(
        "guide", "en", {"region": ["atlantis"]}, "relevance", 1, 20
    )
    assert total == 1
    assert ("atlantis", 1) in facets["region"]
    # A later change to a row (the update trigger) brings its new values too, and drops the old.
    newcomer.categories = ["cartography"]
    newcomer.save()
    _hits, _total, facets = database.search("guide", "en", {}, "relevance", 1, 20)
    assert ("cartography", 1) in facets["category"]
    assert dict(facets["category"]).get("privacy", 0) == sum(
        "privacy" in row.categories for row in SearchDocument.objects.all()
    )
    newcomer.delete()
    _hits, _total, facets = database.search("guide", "en", {}, "relevance", 1, 20)
    assert "cartography" not in dict(facets["category"])


def _pages(query, filters, monkeypatch, split, pages=4, page_size=5):
    """Every page's ids of a relevance search, ranked split (whatever its breadth) or not."""
    monkeypatch.setattr(ranking, "SPLIT_RANKING_MIN_MATCHES", 1 if split else 10**9)
    monkeypatch.setattr(ranking, "SPLIT_RANKING_MAX_DEPTH", 1)
    monkeypatch.setattr(ranking, "SPLIT_RANKING_MAX_TITLE_SHARE", 10**9)
    groups = query_words._groups(query)
    match_query = matching._match(groups)
    selected = {facet: sorted(values) for facet, values in filters.items()}
    total, _facets = counting._counts(groups, match_query, selected)
    return [
        ranking._page(groups, match_query, selected, "relevance", page, page_size, total)
        for page in range(1, pages + 1)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("filters", [{}, {"language": ["en"]}, {"category": ["privacy", "gender"]}])
@pytest.mark.parametrize("query", ["guide", "alpha", "alpha beta", "beta guide"])
def test_split_ranking_gives_the_pages_that_ranking_every_match_gives(
    database_backend, monkeypatch, query, filters
):
    _varied_documents(80)
    every_match = _pages(query, filters, monkeypatch, split=False)
    assert any(every_match), "the search finds something to rank"
    assert _pages(query, filters, monkeypatch, split=True) == every_match
    # Counting and ranking in one statement (a filtered search's first request) agrees too.
    groups = query_words._groups(query)
    match_query = matching._match(groups)
    selected = {facet: sorted(values) for facet, values in filters.items()}
    for page, expected in enumerate(every_match, start=1):
        *_counted, keys = counting._counts_and_page(groups, match_query, selected, page, 5)
        assert keys == expected
