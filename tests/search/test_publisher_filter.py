"""`?publisher=` (a publisher's slug) narrows the search page, the search API and the resource
list, on the engine and on the database fallback; malformed values get a 400 with a reason."""

import pytest
from bs4 import BeautifulSoup

from .conftest import index, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["engine", "database"])
def backend(request):
    return request.getfixturevalue(f"{request.param}_backend")


@pytest.fixture
def guides(backend):
    pages = [
        make_resource(
            "Encryption guide", summary="Encrypt your phone.", publisher="Open Press Lab"
        ),
        make_resource("Encryption basics", summary="Encrypt your mail.", publisher="Another House"),
        make_resource("Encryption in Arabic", summary="Encrypt.", publisher="مؤسسة سمكس"),
        make_resource("Field notes", summary="Notes from trainings.", publisher="Open Press Lab"),
    ]
    index(*pages)
    return pages


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(result["title"] for result in response.json()["results"])


def test_search_api_filters_by_publisher(client, guides):
    assert titles(client.get("/api/v1/search/?q=encryption&publisher=open-press-lab")) == [
        "Encryption guide"
    ]
    assert titles(client.get("/api/v1/search/?publisher=open-press-lab")) == [
        "Encryption guide",
        "Field notes",
    ]
    both = client.get(
        "/api/v1/search/?q=encryption&publisher=open-press-lab&publisher=another-house"
    )
    assert titles(both) == ["Encryption basics", "Encryption guide"]
    arabic = client.get("/api/v1/search/?publisher=مؤسسة-سمكس")
    assert titles(arabic) == ["Encryption in Arabic"]
    # Facets count within the publisher's resources.
    facets = client.get("/api/v1/search/?publisher=open-press-lab").json()["facets"]
    assert sum(bucket["count"] for bucket in facets["format"]) == 2


def test_resource_list_filters_by_publisher(client, guides):
    assert titles(client.get("/api/v1/resources/?publisher=another-house")) == ["Encryption basics"]
    assert titles(client.get("/api/v1/resources/?publisher=nobody")) == []


def test_search_page_filters_by_publisher(client, guides):
    response = client.get("/en/search/?q=encryption&publisher=open-press-lab")
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    text = page.select_one("main").text
    assert "Encryption guide" in text and "Encryption basics" not in text
    # The filter shows as a removable chip named for the publisher, and the form keeps it.
    chip = page.select_one(".search-chips").text
    assert "Open Press Lab" in chip
    assert page.select_one("form[role=search] input[name=publisher]")["value"] == "open-press-lab"


@pytest.mark.parametrize("value", ["<script>", "a b", "x" * 81, "open/press"])
@pytest.mark.parametrize("path", ["/api/v1/search/", "/api/v1/resources/"])
def test_malformed_publisher_gets_a_400_with_a_reason(client, guides, path, value):
    response = client.get(path, {"publisher": value})
    assert response.status_code == 400
    assert "publisher" in response.json()["error"]


def test_malformed_publisher_on_the_search_page_is_explained_in_arabic(client, guides):
    response = client.get("/ar/search/", {"publisher": "<script>"})
    assert response.status_code == 400
    assert "ليست قيمة صالحة لـ«publisher»" in response.content.decode()
