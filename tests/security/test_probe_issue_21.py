"""Probe issue 21, items 9b and 10, over HTTP in both languages (item 2, view restrictions,
has its own module: test_view_restrictions.py).

9b: a deactivated member's public collection disappears from its page and its short link, as
it already did from the API, feeds and widget.
10: a search feed asked for a character XML 1.0 forbids (U+FFFE) is still well-formed XML, and
so is a feed of a resource whose title holds one.
"""

from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from community import collections as personal_library
from community import shortlinks
from community.models import CollectionItem
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]


@pytest.fixture
def shared_collection(django_user_model):
    owner = django_user_model.objects.create_user(
        username="gone_member", password="a long passphrase 42", show_collections=True
    )
    collection = personal_library.default_collection(owner)
    collection.name = "Field kit"
    collection.is_public = True
    collection.save()
    page = ResourcePageFactory(title="Field kit guide")
    CollectionItem.objects.create(collection=collection, translation_key=page.translation_key)
    return collection


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_deactivated_members_public_collection_is_gone_from_its_page_and_short_link(
    shared_collection, lang
):
    visitor = Client()
    page = f"/{lang}/collections/{shared_collection.pk}/"
    code = shortlinks.collection_short_link(shared_collection).code
    short = reverse("short_link", args=[code])
    assert visitor.get(page).status_code == 200  # before: anyone may read it
    assert "Field kit" in visitor.get(page).content.decode()
    followed = visitor.get(short, HTTP_ACCEPT_LANGUAGE=lang, follow=True)
    assert followed.redirect_chain[0][0] == page and followed.status_code == 200

    owner = shared_collection.owner
    owner.is_active = False
    owner.save()

    response = visitor.get(page)
    assert response.status_code == 404
    assert "Field kit" not in response.content.decode()
    followed = visitor.get(short, HTTP_ACCEPT_LANGUAGE=lang, follow=True)
    assert followed.status_code == 404
    assert "Field kit" not in followed.content.decode()
    # The surfaces that already refused it still do: one rule for all of them.
    api = f"/api/v1/collections/{shared_collection.pk}/?locale={lang}"
    assert visitor.get(api).status_code == 404
    assert visitor.get(f"/{lang}/feeds/collections/{shared_collection.pk}/rss/").status_code == 404
    assert (
        visitor.get(f"/{lang}/embed/widget/?collection={shared_collection.pk}").status_code == 404
    )
    listed = visitor.get(f"/api/v1/collections/?locale={lang}").json()
    assert shared_collection.pk not in [row["id"] for row in listed["results"]]


FORBIDDEN = ["\ufffe", "\uffff", "\x0b", "\x1f"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_feeds_stay_well_formed_xml_whatever_they_echo(client, settings, lang, feed_format):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # database search
    for character in FORBIDDEN:
        url = f"/{lang}/feeds/search/{feed_format}/?q={quote('guide' + character)}"
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # raises on XML that is not well-formed
        assert character not in response.content.decode()
    # A title stored with such a character (the editor does not stop every one) too.
    ResourcePageFactory(title="Broken\ufffe title guide", summary="Odd\x0b summary")
    response = client.get(f"/{lang}/feeds/latest/{feed_format}/")
    root = ElementTree.fromstring(response.content)
    assert "Broken title guide" in ElementTree.tostring(root, encoding="unicode")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_widget_drops_what_xml_forbids_from_what_it_echoes(client, settings, lang):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    response = client.get(f"/{lang}/embed/widget/?q={quote('guide' + chr(0xFFFE))}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "\ufffe" not in body
    assert "guide" in body
