"""The public API, the search page, bad parameters and anonymous zero-result counts."""

import pytest
from bs4 import BeautifulSoup

from search.models import ZeroResultQuery

from .conftest import index, make_resource

pytestmark = pytest.mark.django_db
CONTRACT_RESULT_KEYS = {
    "id",
    "url",
    "source_url",
    "title",
    "summary",
    "categories",
    "languages",
    "format",
    "regions",
    "license",
    "level",
    "time_minutes",
    "audience",
    "warning",
    "rating",
    "highlight",
}


@pytest.fixture(params=["engine", "database"])
def backend(request):
    return request.getfixturevalue(f"{request.param}_backend")


@pytest.fixture
def guide(arabic):
    from library.models import CategoryPage
    from library.translations import translate

    page = make_resource(
        "Holistic security", summary="A strategy manual.", media_format="manual", languages=["en"]
    )
    page.categories.add(
        CategoryPage.objects.get(slug="digital-security", locale__language_code="en")
    )
    page.save()
    translate(page, arabic, fields={"title": "الأمن الشامل", "summary": "دليل استراتيجي"})
    index(page)
    return page


@pytest.mark.parametrize(("locale", "title"), [("en", "Holistic security"), ("ar", "الأمن الشامل")])
def test_api_answers_in_the_contract_shape_in_both_locales(backend, client, guide, locale, title):
    response = client.get("/api/v1/search/", {"q": "holistic", "locale": locale})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "results", "facets"}
    assert data["count"] == 1
    result = data["results"][0]
    assert set(result) == CONTRACT_RESULT_KEYS
    assert result["title"] == title
    assert result["url"] == f"/{locale}/library/{guide.slug}/"
    assert result["categories"] == ["digital-security"]
    assert result["rating"] == {"average": 0.0, "count": 0}
    assert set(data["facets"]) == {
        "category",
        "language",
        "format",
        "region",
        "license",
        "level",
        "audience",
        "max_minutes",
        "warning",
    }
    category = data["facets"]["category"][0]
    expected = "Digital Security" if locale == "en" else "الأمن الرقمي"
    assert category == {"value": "digital-security", "label": expected, "count": 1}


def test_api_ors_repeated_facet_values(database_backend, client):
    index(
        make_resource("Kit one", media_format="video"),
        make_resource("Kit two", media_format="audio"),
        make_resource("Kit three", media_format="book"),
    )
    data = client.get("/api/v1/search/?q=kit&format=video&format=audio").json()
    assert sorted(r["title"] for r in data["results"]) == ["Kit one", "Kit two"]


@pytest.mark.parametrize(
    "query",
    [
        "sort=best",
        "locale=fr",
        "page=0",
        "page=-1",
        "page=abc",
        "page_size=51",
        "page_size=0",
        "format=<script>",
        "page=9999&page_size=50",
        "q=" + "x" * 201,
    ],
)
def test_bad_parameters_answer_400_with_a_reason(database_backend, client, query):
    response = client.get(f"/api/v1/search/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_but_well_formed_facet_value_matches_nothing(database_backend, client):
    index(make_resource("Anything"))
    response = client.get("/api/v1/search/?format=hologram")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_schema_describes_the_search_endpoint(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/search/" in schema["paths"]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    ("language", "direction", "query", "title"),
    [("en", "ltr", "holistic", "Holistic security"), ("ar", "rtl", "الشامل", "الأمن الشامل")],
)
def test_search_page_shows_results_facets_and_chips(
    backend, client, guide, language, direction, query, title
):
    page = soup(client.get(f"/{language}/search/", {"q": query, "format": "manual"}))
    assert page.html["dir"] == direction
    result = page.select_one(".search-result__title a")
    assert result.text == title
    assert result["href"] == f"/{language}/library/{guide.slug}/"
    assert page.select_one(".search-result mark")
    checked = page.select_one('input[name="format"][value="manual"]')
    assert checked.has_attr("checked")
    chip_link = page.select_one(".search-chip__remove")["href"]
    assert "format" not in chip_link and "q=" in chip_link


def test_search_page_without_results_suggests_dropping_a_filter(database_backend, client):
    index(make_resource("Open data handbook", media_format="book"))
    page = soup(client.get("/en/search/", {"q": "handbook", "format": "video"}))
    empty = page.select_one(".search-empty")
    assert empty is not None
    links = [a["href"] for a in empty.select("a")]
    assert any("format" not in href for href in links)
    assert "/en/categories/" in links


def test_the_categories_are_looked_up_only_for_a_search_that_found_nothing(
    database_backend, client
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index(make_resource("Open data handbook", media_format="book"))

    def category_index_reads(query):
        with CaptureQueriesContext(connection) as queries:
            page = soup(client.get("/en/search/", {"q": query}))
        return page, [q for q in queries.captured_queries if "categoryindexpage" in q["sql"]]

    found, reads = category_index_reads("handbook")
    assert found.select_one(".search-result") and not reads
    nothing, reads = category_index_reads("zzzqqq")
    assert "/en/categories/" in [a["href"] for a in nothing.select(".search-empty a")]
    assert reads


def test_search_page_bad_parameter_is_a_400_page_not_an_error(database_backend, client):
    response = client.get("/ar/search/?page=abc")
    assert response.status_code == 400
    assert soup(response).select_one(".search-error")


def test_zero_result_searches_are_counted_without_user_or_address(database_backend, client):
    for _ in range(2):
        client.get("/api/v1/search/", {"q": "  Nothing   Matches ", "locale": "ar"})
    client.get("/api/v1/search/", {"q": "", "locale": "ar"})
    row = ZeroResultQuery.objects.get()
    assert (row.query, row.locale, row.count) == ("nothing matches", "ar", 2)
    field_names = {field.name for field in ZeroResultQuery._meta.get_fields()}
    assert field_names == {"id", "query", "locale", "day", "count"}


def test_old_zero_result_counts_are_purged(database_backend, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    ZeroResultQuery.objects.create(query="old", locale="en", day=today - timedelta(days=400))
    ZeroResultQuery.objects.create(query="new", locale="en", day=today)
    call_command("search_index", "purge_zero_results")
    assert list(ZeroResultQuery.objects.values_list("query", flat=True)) == ["new"]


def test_control_characters_in_a_query_are_harmless(client):
    response = client.get("/api/v1/search/", {"q": "zzqx\x00\x07", "locale": "en"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get("/en/search/", {"q": "privacy\x00"}).status_code == 200


def test_the_search_page_ignores_a_stray_locale_parameter(client):
    response = client.get("/ar/search/", {"q": "privacy", "locale": "fr"})
    assert response.status_code == 200
    assert "locale" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_a_very_large_page_number_gets_the_result_window_message(client):
    response = client.get("/api/v1/search/", {"q": "privacy", "page": "2000000"})
    assert response.status_code == 400
    assert "cannot be paged" in response.json()["error"]
