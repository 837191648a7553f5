"""HTTP manners of the open API: JSON 404s, CORS for GET, conditional requests, caching, rate
limits, the docs page without third-party assets, and translations falling back with a marker."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_unknown_api_paths_are_json_404s_in_both_languages(client):
    for path in ["/api/v1/nothing/", "/api/v1/resources/abc/", "/api/v1/search/x/y"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"] == "Not found."
    arabic = client.get("/api/v1/resources/999999/?locale=ar")
    assert arabic.json()["error"] == "لا يوجد مورد منشور بهذا المعرّف."


def test_the_api_root_points_to_its_schema_and_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response.json() == {"schema": "/api/v1/schema/", "docs": "/api/v1/docs/"}


def test_any_site_may_read_with_get_but_not_with_credentials(client):
    response = client.get("/api/v1/categories/", HTTP_ORIGIN="https://blog.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/search/",
        HTTP_ORIGIN="https://blog.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    posted = client.post("/api/v1/search/", HTTP_ORIGIN="https://blog.example")
    assert posted.status_code == 405
    assert "Access-Control-Allow-Origin" not in posted


def test_unchanged_answers_are_304_and_changed_ones_are_not(client):
    ResourcePageFactory(title="First")
    first = client.get("/api/v1/resources/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=120"
    again = client.get("/api/v1/resources/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/resources/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    ResourcePageFactory(title="Second")
    changed = client.get("/api/v1/resources/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert {r["title"] for r in changed.json()["results"]} == {"Second", "First"}


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("HTTP_IF_NONE_MATCH", "not-an-etag"),
        ("HTTP_IF_NONE_MATCH", '"unterminated'),
        ("HTTP_IF_NONE_MATCH", "W/"),
        ("HTTP_IF_MODIFIED_SINCE", "yesterday-ish"),
        ("HTTP_IF_MODIFIED_SINCE", "Sun, 99 Foo 99999 99:99:99 GMT"),
    ],
)
def test_malformed_validators_get_a_full_answer(client, header, value):
    response = client.get("/api/v1/categories/", **{header: value})
    assert response.status_code == 200
    assert response.json()["count"] == 40


def test_members_get_private_caching(client, django_user_model):
    member = django_user_model.objects.create_user(username="reader", password="x" * 12)
    client.force_login(member)
    assert client.get("/api/v1/categories/")["Cache-Control"] == "private, no-cache"


def test_rate_limit_answers_429_without_keeping_the_address(client, settings):
    from django.core.cache import cache

    settings.TASHARUK_MEMBERS = {**settings.TASHARUK_MEMBERS, "RATE_LIMITS": {"open_api": (3, 60)}}
    cache.clear()
    codes = [client.get("/api/v1/categories/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/categories/")
    assert refused.json()["error"]
    assert refused["Retry-After"] == "60"
    # The shared cache (Redis) lists its keys; the in-process one keeps them in a dict.
    stored = cache.keys() if hasattr(cache, "keys") else cache._cache
    keys = [key for key in stored if "open_api" in str(key)]
    assert keys and not any("127.0.0.1" in str(key) for key in keys)
    cache.clear()


def test_untranslated_work_is_marked_as_shown_in_the_other_language(client, arabic):
    from library.translations import translate

    only_english = ResourcePageFactory(title="Only English", slug="only-english")
    both = ResourcePageFactory(title="Both", slug="both")
    translate(both, arabic, fields={"title": "كلاهما"})
    results = {r["title"]: r for r in client.get("/api/v1/resources/?locale=ar").json()["results"]}
    assert results["Only English"]["fallback_locale"] == "en"
    assert results["Only English"]["id"] == only_english.pk
    assert "fallback_locale" not in results["كلاهما"]
    detail = client.get(f"/api/v1/resources/{only_english.pk}/?locale=ar").json()
    assert detail["fallback_locale"] == "en"
    english = client.get(f"/api/v1/resources/{only_english.pk}/?locale=en").json()
    assert "fallback_locale" not in english


@pytest.mark.parametrize(
    "query",
    ["colour=red", "locale=xx", "page=99999999", "page_size=5000", "q=" + "x" * 500, "sort=up"],
)
def test_unknown_or_bad_parameters_are_400_with_a_reason(client, query):
    response = client.get(f"/api/v1/search/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_parameter_reason_names_it_in_arabic(client):
    response = client.get("/api/v1/resources/?colour=red", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert "colour" in response.json()["error"]


def test_schema_is_openapi_3_generated_from_the_routes(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/search/",
        "/api/v1/search/autocomplete/",
        "/api/v1/resources/",
        "/api/v1/resources/{id}/",
        "/api/v1/categories/",
        "/api/v1/collections/",
        "/api/v1/collections/{id}/",
        "/api/v1/feeds/",
    }
    search = schema["paths"]["/api/v1/search/"]["get"]
    names = {parameter["name"] for parameter in search["parameters"]}
    assert names == {"q", "locale", "category", "language", "format", "region", "license"} | {
        "publisher",
        "warning",
        "level",
        "audience",
        "max_minutes",
        "sort",
        "page",
        "page_size",
    }
    assert "400" in search["responses"]


def test_docs_page_loads_only_local_assets(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    sources = [tag.get("src") or tag.get("href") for tag in page.select("script[src], link[href]")]
    assert sources and all(source.startswith("/static/") for source in sources)
    assert "default-src 'self'" in response["Content-Security-Policy"]
