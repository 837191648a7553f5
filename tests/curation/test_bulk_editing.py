"""Bulk classification from the admin listing, and the listing's filters."""

import pytest

from curation.models import LinkHealth
from library.models import CategoryPage, ResourcePage
from library.translations import translate
from tests.curation.conftest import use_admin_language
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def security():
    return CategoryPage.objects.get(slug="digital-security", locale__language_code="en")


def classify(admin_client, pages, **data):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return admin_client.post(
        f"/admin/bulk/wagtailcore/page/classify/?{ids}&next=/admin/resources/", data
    )


def test_setting_a_category_reaches_every_translation_and_publishes(admin_client, arabic):
    first = ResourcePageFactory(title="First")
    translate(first, arabic, fields={"title": "الأول"})
    second = ResourcePageFactory(title="Second")
    response = classify(
        admin_client, [first, second], field="category", operation="set", category=security().pk
    )
    assert response.status_code == 302
    for page in ResourcePage.objects.filter(
        translation_key__in=[first.translation_key, second.translation_key]
    ):
        assert list(page.categories.all()) == [security()]
        assert page.live and not page.has_unpublished_changes


def test_removing_a_region_and_setting_a_licence(admin_client):
    page = ResourcePageFactory(regions=["mena", "lb"], license="LicenseRef-Unknown")
    classify(admin_client, [page], field="region", operation="remove", region="lb")
    classify(admin_client, [page], field="license", operation="set", license="CC-BY-SA-4.0")
    page.refresh_from_db()
    assert page.regions == ["mena"]
    assert page.license == "CC-BY-SA-4.0"
    assert page.get_latest_revision().user.username == "curator"


def test_a_missing_value_is_explained_and_nothing_changes(admin_client):
    page = ResourcePageFactory(media_format="guide")
    response = classify(admin_client, [page], field="media_format", operation="set")
    assert response.status_code == 200
    assert "Choose the value to set or remove." in response.content.decode()
    page.refresh_from_db()
    assert page.media_format == "guide"


@pytest.mark.parametrize(("lang", "label"), [("en", "Classify"), ("ar", "صنّف")])
def test_the_listing_filters_by_facet_and_link_state(admin_client, curator, lang, label):
    use_admin_language(curator, lang)
    video = ResourcePageFactory(title="A video resource", media_format="video")
    ResourcePageFactory(title="A guide resource", media_format="guide")
    html = admin_client.get("/admin/resources/?media_format=video").content.decode()
    assert "A video resource" in html and "A guide resource" not in html
    LinkHealth.objects.create(
        translation_key=video.translation_key, url=video.source_url, state="broken"
    )
    html = admin_client.get("/admin/resources/?link_state=broken").content.decode()
    assert "A video resource" in html and "A guide resource" not in html
    assert label in html


def test_the_listing_filters_by_translation_state(admin_client, arabic):
    done = ResourcePageFactory(title="Already translated")
    translate(done, arabic, fields={"title": "مترجم"})
    ResourcePageFactory(title="Waiting for Arabic")
    html = admin_client.get("/admin/resources/?translation=missing").content.decode()
    assert "Waiting for Arabic" in html and "Already translated" not in html
