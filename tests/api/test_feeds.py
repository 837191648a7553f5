"""RSS 2.0 and Atom feeds: latest, per category, per public collection, per search, both
languages, advertised by pages; private collections have none."""

import feedparser
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def parsed(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_latest_feed_in_both_languages(client, library, feed_format):
    response, feed = parsed(client, f"/en/feeds/latest/{feed_format}/")
    assert feed.version == ("rss20" if feed_format == "rss" else "atom10")
    assert response["Access-Control-Allow-Origin"] == "*"
    titles = [entry.title for entry in feed.entries]
    assert "Privacy basics" in titles and "Security guide 0" in titles
    assert feed.entries[0].link.startswith("http://testserver/en/library/")
    assert all(entry.get("published_parsed") for entry in feed.entries)

    _response, arabic = parsed(client, f"/ar/feeds/latest/{feed_format}/")
    arabic_titles = [entry.title for entry in arabic.entries]
    assert "دليل الأمان 0" in arabic_titles
    assert "Privacy basics" in arabic_titles  # no Arabic edition: shown in English
    assert arabic.feed.language == "ar"
    assert arabic.feed.title == "أحدث المصادر · تشارُك"


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_category_feed_holds_only_that_category(client, library, feed_format):
    _response, feed = parsed(client, f"/ar/feeds/categories/digital-security/{feed_format}/")
    assert sorted(entry.title for entry in feed.entries) == [f"دليل الأمان {n}" for n in range(3)]
    assert "الأمن الرقمي" in feed.feed.title
    assert all("الأمن الرقمي" in [t.term for t in entry.tags] for entry in feed.entries)
    assert client.get(f"/en/feeds/categories/no-such-thing/{feed_format}/").status_code == 404


def test_public_collection_feed_and_no_private_one(client, library):
    _response, feed = parsed(client, f"/en/feeds/collections/{library['public'].pk}/atom/")
    assert [entry.title for entry in feed.entries] == ["Privacy basics"]
    assert (
        "my note"
        not in client.get(f"/en/feeds/collections/{library['public'].pk}/rss/").content.decode()
    )
    for feed_format in ("rss", "atom"):
        url = f"/en/feeds/collections/{library['private'].pk}/{feed_format}/"
        assert client.get(url).status_code == 404


def test_search_feed_follows_the_query_and_filters(client, library):
    _response, feed = parsed(client, "/en/feeds/search/rss/?q=security&category=digital-security")
    assert len(feed.entries) == 3
    assert all("Security guide" in entry.title for entry in feed.entries)
    _response, only_privacy = parsed(client, "/en/feeds/search/atom/?category=privacy")
    assert [entry.title for entry in only_privacy.entries] == ["Privacy basics"]
    bad = client.get("/en/feeds/search/rss/?page_size=0&format=%3Cx%3E")
    assert bad.status_code == 400
    assert "format" in bad.content.decode()


def test_feed_polling_does_not_count_as_a_knowledge_gap(client, library):
    from search.models import ZeroResultQuery

    client.get("/en/feeds/search/rss/?q=nothing+matches+this")
    assert not ZeroResultQuery.objects.exists()


def test_pages_advertise_their_feeds(client, library):
    home = BeautifulSoup(client.get("/ar/").content, "html.parser")
    hrefs = [link["href"] for link in home.select('link[rel="alternate"][type$="+xml"]')]
    assert "/ar/feeds/latest/rss/" in hrefs and "/ar/feeds/latest/atom/" in hrefs

    category = BeautifulSoup(client.get("/en/categories/privacy/").content, "html.parser")
    hrefs = [link["href"] for link in category.select('link[rel="alternate"][type$="+xml"]')]
    assert "/en/feeds/categories/privacy/rss/" in hrefs

    search = BeautifulSoup(client.get("/en/search/?q=security&format=guide").content, "html.parser")
    hrefs = [link["href"] for link in search.select('link[rel="alternate"][type$="+xml"]')]
    assert "/en/feeds/search/atom/?q=security&format=guide" in hrefs
    visible = search.select_one("a.search-feed")
    assert visible["href"] == "/en/feeds/search/rss/?q=security&format=guide"


def test_feeds_discovery_lists_public_feeds_only(client, library):
    data = client.get("/api/v1/feeds/?locale=ar").json()
    kinds = {(feed["kind"], feed["key"]) for feed in data["results"]}
    assert ("latest", "") in kinds and ("category", "digital-security") in kinds
    assert ("collection", str(library["public"].pk)) in kinds
    assert ("collection", str(library["private"].pk)) not in kinds
    latest = next(feed for feed in data["results"] if feed["kind"] == "latest")
    assert latest["rss"] == "/ar/feeds/latest/rss/"
    assert client.get(latest["atom"]).status_code == 200
