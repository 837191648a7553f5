"""Regressions for the catalogue side of the outside probes (issue 8): resource URLs are valid
URIs however they arrive, and licence placeholders read as words in both languages."""

import json
import re

import pytest
from django.core.validators import URLValidator
from wagtail.models import Locale

from library.importer import import_lines
from library.models import ResourcePage
from library.resource_urls import encode_resource_url

pytestmark = pytest.mark.django_db

# RFC 3986 allows only these characters in a URI (plus %XX escapes).
URI_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def imported(**fields):
    record = {"url": "https://example.org/guide", "title": {"en": "A guide", "ar": "دليل"}}
    report = import_lines([json.dumps({**record, **fields}, ensure_ascii=False)])
    assert not report.errors, report.errors
    return ResourcePage.objects.filter(locale__language_code="en").latest("id")


@pytest.mark.parametrize(
    "raw, stored",
    [
        (
            'https://example.org/"onmouseover=alert(1)',
            "https://example.org/%22onmouseover=alert(1)",
        ),
        ("https://example.org/a b<c>", "https://example.org/a%20b%3Cc%3E"),
        ("https://example.org/%D8%AA already%", "https://example.org/%D8%AA%20already%25"),
        ("https://مثال.example/دليل?q=تشفير", None),
    ],
)
def test_imported_urls_are_stored_as_valid_uris(client, raw, stored):
    page = imported(url=raw)
    if stored:
        assert page.source_url == stored
    assert URI_CHARACTERS.match(page.source_url)
    URLValidator(schemes=["http", "https"])(page.source_url)
    api = client.get(f"/api/v1/resources/{page.pk}/").json()
    assert '"' not in api["source_url"] and URI_CHARACTERS.match(api["source_url"])


def test_encoding_is_stable_and_keeps_what_identifies_the_resource():
    url = 'https://example.org/"x"?a=1&b=%20'
    once = encode_resource_url(url)
    assert encode_resource_url(once) == once
    assert imported(url=url).normalized_url == imported(url=once).normalized_url


def test_the_editor_stores_the_encoded_url(english):
    page = imported(url="https://example.org/start")
    page.source_url = 'https://example.org/"edited"'
    page.save()
    page.refresh_from_db()
    assert page.source_url == "https://example.org/%22edited%22"


@pytest.mark.parametrize(
    "lang, licence, words",
    [
        ("en", "LicenseRef-Unknown", "Licence not stated"),
        ("ar", "LicenseRef-Unknown", "الترخيص غير مذكور"),
        ("en", "LicenseRef-All-Rights-Reserved", "All rights reserved"),
        ("ar", "LicenseRef-All-Rights-Reserved", "جميع الحقوق محفوظة"),
    ],
)
def test_licence_placeholders_read_as_words_on_cards_and_pages(client, lang, licence, words):
    english = imported(license=licence)
    page = english.get_translation(Locale.objects.get(language_code=lang))
    for url in (page.url, f"/{lang}/library/", f"/{lang}/"):
        html = client.get(url).content.decode()
        assert "LicenseRef" not in html, url
    assert words in client.get(page.url).content.decode()
    assert words in client.get(f"/{lang}/library/").content.decode()


def test_urls_stored_before_encoding_are_rewritten_by_the_upgrade():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("library.migrations.0004_encode_existing_source_urls")
    page = imported(url="https://example.org/old")
    ResourcePage.objects.filter(pk=page.pk).update(source_url='https://example.org/"old"')
    migration.encode_source_urls(apps, None)
    page.refresh_from_db()
    assert page.source_url == "https://example.org/%22old%22"
    assert page.normalized_url == "https://example.org/%22old%22"
