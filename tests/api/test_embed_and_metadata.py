"""The embed builder and widget, oEmbed, JSON-LD, hreflang alternates and the sitemap."""

import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- Widget ----------------------------------------------------------------------------------


def test_widget_lists_the_latest_of_a_category_in_arabic_right_to_left(client, library):
    response = client.get("/ar/embed/widget/?category=digital-security&count=2")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    links = page.select(".widget__link")
    assert len(links) == 2
    assert all(link.text.startswith("دليل الأمان") for link in links)
    assert all(link["href"].startswith("http://testserver/ar/library/") for link in links)
    assert all(link["target"] == "_blank" and link["rel"] == ["noopener"] for link in links)
    assert "الأمن الرقمي" in page.select_one(".widget__title").text


def test_widget_may_be_framed_by_any_site_and_other_pages_may_not(client, library):
    widget = client.get("/en/embed/widget/?category=privacy")
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "script-src" in widget["Content-Security-Policy"]
    for path in ["/en/", "/en/embed/", "/en/search/", "/en/library/privacy-basics/"]:
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_widget_loads_nothing_from_elsewhere(client, library):
    page = soup(client.get("/en/embed/widget/?theme=dark&count=3"))
    assert page.body["class"] == ["widget", "widget--dark"]
    assert not page.select("script")
    assert [link["href"] for link in page.select("link[href]")] == [
        "data:,",
        "/static/api/widget.css",
    ]
    assert len(page.select(".widget__link")) == 3


def test_widget_shows_a_public_collection_or_a_search(client, library):
    collection = soup(client.get(f"/en/embed/widget/?collection={library['public'].pk}"))
    assert [a.text for a in collection.select(".widget__link")] == ["Privacy basics"]
    searched = soup(client.get("/en/embed/widget/?q=privacy"))
    assert [a.text for a in searched.select(".widget__link")] == ["Privacy basics"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("collection={private}", 404),
        ("collection=abc", 404),
        ("category=no-such-category", 404),
        ("count=0", 400),
        ("count=500", 400),
        ("count=many", 400),
        ("theme=neon", 400),
        ("format=%3Cscript%3E", 400),
    ],
)
def test_widget_refuses_private_lists_and_bad_settings_politely(client, library, query, status):
    response = client.get("/en/embed/widget/?" + query.format(private=library["private"].pk))
    assert response.status_code == status
    assert "Secret plans" not in response.content.decode()
    assert soup(response).select_one(".widget__empty").text.strip()


# --- Builder ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_builder_previews_and_gives_the_embed_code(client, library, language, direction):
    response = client.get(
        f"/{language}/embed/?source=category&category=digital-security&language=ar&count=5"
    )
    page = soup(response)
    assert page.html["dir"] == direction
    preview = page.select_one("iframe.embed-preview")
    assert (
        preview["src"]
        == "http://testserver/ar/embed/widget/?category=digital-security&count=5&theme=light"
    )
    code = BeautifulSoup(page.select_one("#embed-code").text, "html.parser").iframe
    assert code["src"] == preview["src"]
    assert code["sandbox"] == ["allow-popups", "allow-popups-to-escape-sandbox"]
    options = [option["value"] for option in page.select("#embed-collection option")]
    assert str(library["public"].pk) in options
    assert str(library["private"].pk) not in options


# --- oEmbed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Security guide 1"), ("ar", "دليل الأمان 1")]
)
def test_oembed_describes_a_resource_page(client, library, language, title):
    url = f"{settings.TASHARUK_SITE_URL}/{language}/library/security-1/"
    response = client.get(f"/api/v1/oembed/?url={quote(url)}&format=json")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["title"] == title
    html = BeautifulSoup(data["html"], "html.parser")
    assert html.a["href"] == url and html.a.text == title
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("https://elsewhere.example/en/library/security-1/", 404),
        ("http://testserver/en/", 404),
        ("http://testserver/en/library/no-such-thing/", 404),
        ("http://testserver/en/collections/{private}/", 404),
        ("javascript:alert(1)", 404),
        ("", 404),
    ],
)
def test_oembed_answers_only_for_published_resources_here(client, library, url, status):
    url = url.format(private=library["private"].pk)
    response = client.get(f"/api/v1/oembed/?url={quote(url)}")
    assert response.status_code == status
    assert "Secret plans" not in response.content.decode()


def test_oembed_other_formats_are_not_implemented(client, library):
    url = quote("http://testserver/en/library/security-1/")
    assert client.get(f"/api/v1/oembed/?url={url}&format=xml").status_code == 501
    assert client.get("/api/v1/oembed/").status_code == 400


def test_resource_page_has_oembed_discovery(client, library):
    page = soup(client.get("/en/library/security-1/"))
    link = page.select_one('link[type="application/json+oembed"]')
    page_url = quote(settings.TASHARUK_SITE_URL, safe="")
    assert link["href"].startswith(f"http://testserver/api/v1/oembed/?url={page_url}")
    assert client.get(link["href"].replace("http://testserver", "")).status_code == 200


# --- JSON-LD and alternates ------------------------------------------------------------------


def json_ld(response):
    script = soup(response).select_one('script[type="application/ld+json"]')
    assert script["nonce"] == response.wsgi_request.csp_nonce
    return json.loads(script.string)


def test_resource_page_describes_itself_as_a_learning_resource(client, library):
    from library.models import ResourcePage

    page = ResourcePage.objects.get(slug="security-2", locale__language_code="en")
    page.author, page.publisher = "Tactical Tech", "Front Line Defenders"
    page.rating_count, page.rating_sum, page.rating_average = 4, 18, 4.5
    page.save_revision().publish()
    data = json_ld(client.get("/en/library/security-2/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LearningResource"
    assert data["name"] == "Security guide 2"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["learningResourceType"] == "Guide"
    assert data["inLanguage"] == ["en"]
    assert data["about"][0]["name"] == "Digital Security"
    assert data["author"]["name"] == "Tactical Tech"
    assert data["publisher"]["name"] == "Front Line Defenders"
    assert data["dateCreated"] == "2020"
    assert data["aggregateRating"]["ratingValue"] == 4.5
    assert data["aggregateRating"]["ratingCount"] == 4

    arabic = json_ld(client.get("/ar/library/security-2/"))
    assert arabic["name"] == "دليل الأمان 2"
    assert arabic["about"][0]["name"] == "الأمن الرقمي"


def test_json_ld_cannot_break_out_of_its_script(client, library):
    from library.models import ResourcePage

    page = ResourcePage.objects.get(slug="security-0", locale__language_code="en")
    page.title = "</script><script>alert(1)</script> & more"
    page.save_revision().publish()
    response = client.get("/en/library/security-0/")
    scripts = soup(response).select("script")
    assert not any(
        "alert(1)" in (script.string or "") and not script.get("type") for script in scripts
    )
    assert json_ld(response)["name"] == "</script><script>alert(1)</script> & more"
    assert "aggregateRating" not in json_ld(response)


def test_translated_pages_name_both_editions_and_untranslated_ones_none(client, library):
    page = soup(client.get("/en/library/security-0/"))
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": f"{settings.TASHARUK_SITE_URL}/en/library/security-0/",
        "ar": f"{settings.TASHARUK_SITE_URL}/ar/library/security-0/",
    }
    lonely = soup(client.get("/en/library/privacy-basics/"))
    assert not lonely.select('link[rel="alternate"][hreflang]')


def test_sitemap_lists_both_languages(client, library):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    # Wagtail names pages by their Site record, which follows TASHARUK_BASE_URL.
    assert f"{settings.TASHARUK_SITE_URL}/en/library/security-0/" in body
    assert f"{settings.TASHARUK_SITE_URL}/ar/library/security-0/" in body
    assert f"{settings.TASHARUK_SITE_URL}/ar/categories/privacy/" in body
