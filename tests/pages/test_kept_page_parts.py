"""A resource page's link-preview metadata, JSON-LD and "help translate" links are kept between
changes (tasharuk.invalidation.kept_for_live_page): what a reader sees still follows a
publication or a rating at the next request, in both languages, and a preview of a draft shows
the draft without the public ever seeing it."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from community.ratings import rate_resource
from library.models import ResourcePage
from library.translations import translate
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_parts(settings):
    settings.TASHARUK_PUBLIC_CACHE = {**settings.TASHARUK_PUBLIC_CACHE, "PAGE_PARTS_SECONDS": 300}


def page_html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def og_title(html):
    return html.find("meta", property="og:title")["content"]


def json_ld(html):
    return json.loads(html.find("script", type="application/ld+json").string)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_published_title_shows_in_the_link_preview_at_once(client, language):
    page = ResourcePageFactory(title="Verifying a video")
    if language == "ar":
        arabic = Locale.objects.get(language_code="ar")
        page = translate(page, arabic, fields={"title": "التحقق من فيديو"})
    assert og_title(page_html(client.get(page.url))) == page.title

    page.title = (
        "Verifying a video, step by step" if language == "en" else "التحقق من فيديو خطوة بخطوة"
    )
    page.save_revision().publish()
    html = page_html(client.get(page.url))
    assert og_title(html) == page.title
    assert json_ld(html)["name"] == page.title


def test_a_rating_shows_in_the_json_ld_at_once(client):
    page = ResourcePageFactory(title="Threat modelling for newsrooms")
    assert "aggregateRating" not in json_ld(page_html(client.get(page.url)))

    member = get_user_model().objects.create_user(username="rater", password="a long phrase 42")
    rate_resource(member, page.translation_key, 4)
    rating = json_ld(page_html(client.get(page.url)))["aggregateRating"]
    assert int(rating["ratingCount"]) == 1


def test_a_preview_shows_the_draft_and_the_public_never_sees_it(client):
    page = ResourcePageFactory(title="Secure messaging basics")
    assert og_title(page_html(client.get(page.url))) == "Secure messaging basics"

    draft = ResourcePage.objects.get(pk=page.pk)
    draft.title = "Secure messaging basics (draft)"
    preview = draft.make_preview_request()
    assert og_title(page_html(preview)) == "Secure messaging basics (draft)"

    response = client.get(page.url)
    assert og_title(page_html(response)) == "Secure messaging basics"
    assert "(draft)" not in response.content.decode()


def test_help_translate_is_offered_until_the_translation_is_published(client):
    member = get_user_model().objects.create_user(username="helper", password="a long phrase 42")
    client.force_login(member)
    page = ResourcePageFactory(title="Mapping a neighbourhood", summary="How to map streets.")
    link = f"/r/{page.translation_key}/translate/ar/"

    def offers_arabic():
        html = page_html(client.get(page.url))
        return any(a["href"].endswith(link) for a in html.select("a[href]"))

    assert offers_arabic()
    arabic = Locale.objects.get(language_code="ar")
    translate(page, arabic, fields={"title": "رسم خريطة حي", "summary": "كيف ترسم الشوارع."})
    assert not offers_arabic()
