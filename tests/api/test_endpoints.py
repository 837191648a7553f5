"""Every open endpoint answers in both locales, and the API's filters agree with the search
page's: the same filters find the same resources."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("locale", "expected"), [("en", "Security guide 0"), ("ar", "دليل الأمان 0")]
)
def test_every_endpoint_answers_in_both_locales(client, library, locale, expected):
    first = library["security"][0]
    collection = library["public"]
    answers = {
        "search": client.get(f"/api/v1/search/?q=security&locale={locale}"),
        "autocomplete": client.get(f"/api/v1/search/autocomplete/?q=secu&locale={locale}"),
        "resources": client.get(f"/api/v1/resources/?category=digital-security&locale={locale}"),
        "resource": client.get(f"/api/v1/resources/{first.pk}/?locale={locale}"),
        "categories": client.get(f"/api/v1/categories/?locale={locale}"),
        "collections": client.get(f"/api/v1/collections/?locale={locale}"),
        "collection": client.get(f"/api/v1/collections/{collection.pk}/?locale={locale}"),
        "feeds": client.get(f"/api/v1/feeds/?locale={locale}"),
    }
    for name, response in answers.items():
        assert response.status_code == 200, (name, response.content)
    data = {name: response.json() for name, response in answers.items()}
    assert expected in [r["title"] for r in data["search"]["results"]]
    assert expected in [r["title"] for r in data["autocomplete"]["results"]]
    assert expected in [r["title"] for r in data["resources"]["results"]]
    assert data["resource"]["title"] == expected
    assert data["resource"]["url"] == f"/{locale}/library/security-0/"
    privacy = next(c for c in data["categories"]["results"] if c["slug"] == "privacy")
    assert privacy["title"] == ("Privacy" if locale == "en" else "الخصوصية")
    assert [c["name"] for c in data["collections"]["results"]] == ["Starter kit"]
    assert data["collection"]["url"] == f"/{locale}/collections/{collection.pk}/"
    assert data["feeds"]["results"][0]["rss"] == f"/{locale}/feeds/latest/rss/"


@pytest.mark.parametrize(
    "filters",
    [
        "category=digital-security",
        "category=privacy",
        "category=privacy&category=digital-security",
        "license=MIT",
        "format=guide&license=CC-BY-4.0",
        "language=en&region=global",
        "format=video",
    ],
)
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_api_filters_agree_with_the_search_page(client, library, filters, locale):
    listed = client.get(f"/api/v1/resources/?{filters}&locale={locale}&page_size=50").json()
    searched = client.get(f"/api/v1/search/?{filters}&locale={locale}&page_size=50").json()
    page = BeautifulSoup(client.get(f"/{locale}/search/?{filters}").content, "html.parser")
    on_page = {a["href"] for a in page.select(".search-result__title a")}
    assert {r["url"] for r in listed["results"]} == on_page
    assert {r["url"] for r in searched["results"]} == on_page
    assert listed["count"] == searched["count"] == len(on_page)


def test_a_public_collection_page_advertises_its_feed_and_a_private_one_none(client, library):
    public = BeautifulSoup(
        client.get(f"/en/collections/{library['public'].pk}/").content, "html.parser"
    )
    hrefs = [link["href"] for link in public.select('link[rel="alternate"][type$="+xml"]')]
    assert f"/en/feeds/collections/{library['public'].pk}/atom/" in hrefs
    client.force_login(library["public"].owner)
    private = client.get(f"/en/collections/{library['private'].pk}/").content.decode()
    assert f"/feeds/collections/{library['private'].pk}/" not in private
