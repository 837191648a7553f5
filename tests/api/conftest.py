"""Content shared by the open-endpoint tests: a small bilingual library and two collections."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from community.models import Collection, CollectionItem
from library.models import CategoryPage
from library.translations import translate
from tests.browser.conftest import (  # noqa: F401  (Chromium fixtures)
    browser_page,
    chromium,
    live_site,
    site_skeleton_rows,
)
from tests.factories import ResourcePageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The API's rate limits count per client: each test starts with none spent, whichever tests
    (the security probes walk every route) ran before it."""
    cache.clear()
    yield


def filed(page, *slugs):
    page.categories.set(CategoryPage.objects.filter(locale__language_code="en", slug__in=slugs))
    page.save_revision().publish()
    return page


@pytest.fixture
def library(db, arabic, settings):
    """Three digital-security resources translated into Arabic, one privacy resource in English
    only, a public and a private collection."""
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # database search
    security = []
    for n in range(3):
        page = filed(
            ResourcePageFactory(title=f"Security guide {n}", slug=f"security-{n}", year=2020),
            "digital-security",
        )
        translate(page, arabic, fields={"title": f"دليل الأمان {n}", "summary": "ملخص"})
        security.append(page)
    english_only = filed(
        ResourcePageFactory(title="Privacy basics", slug="privacy-basics", license="MIT"),
        "privacy",
    )
    owner = get_user_model().objects.create_user(
        username="reader", password="a long passphrase 42", show_collections=True
    )
    public = Collection.objects.create(owner=owner, name="Starter kit", is_public=True)
    private = Collection.objects.create(owner=owner, name="Secret plans", is_public=False)
    for collection in (public, private):
        CollectionItem.objects.create(
            collection=collection, translation_key=english_only.translation_key, note="my note"
        )
    from search import indexing

    indexing.update({page.translation_key for page in [*security, english_only]})
    return {
        "security": security,
        "english_only": english_only,
        "public": public,
        "private": private,
    }
