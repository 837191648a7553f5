"""The Wagtail editor's resource form enforces the import rules: web URLs only, no duplicates."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from library.models import LibraryIndexPage, ResourcePage
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def resource_form(data):
    editor = get_user_model().objects.create_superuser("curator", password="x" * 12)
    index = LibraryIndexPage.objects.get(locale__language_code="en")
    form_class = ResourcePage.get_edit_handler().get_form_class()
    fields = {
        "title": "A new guide",
        "slug": "a-new-guide",
        "summary": "Summary",
        "source_url": "https://new.example.org/guide",
        "media_format": "guide",
        "license": "CC-BY-4.0",
        "languages": ["en"],
        "regions": ["global"],
        "details-count": "0",
        "prerequisites-count": "0",
    }
    fields.update(data)
    return form_class(
        fields, instance=ResourcePage(locale=index.locale), parent_page=index, for_user=editor
    )


def test_editor_form_accepts_a_valid_resource():
    assert resource_form({}).is_valid()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/"])
def test_editor_form_refuses_non_web_urls(url):
    form = resource_form({"source_url": url})
    assert not form.is_valid()
    assert "source_url" in form.errors


def test_editor_form_refuses_a_url_already_in_the_library_with_a_translated_reason():
    ResourcePageFactory(title="Existing guide", source_url="https://dup.example.org/guide/")
    with translation.override("ar"):
        form = resource_form({"source_url": "http://www.DUP.example.org/guide"})
        assert not form.is_valid()
        assert "موجود في المكتبة بالفعل" in form.errors["source_url"][0]


def test_editor_form_refuses_unknown_vocabulary_codes():
    form = resource_form({"languages": ["xx"], "media_format": "hologram"})
    assert not form.is_valid()
    assert {"languages", "media_format"} <= set(form.errors)
