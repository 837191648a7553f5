"""The site skeleton: locales, page tree rules and the 40 categories."""

import pytest
from wagtail.models import Page

from home.models import GuidePage, HomePage, StandardPage
from library.categories import CATEGORIES
from library.models import CategoryIndexPage, CategoryPage, LibraryIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_each_locale_has_one_home_page_sharing_a_translation_key(english, arabic):
    english_home = HomePage.objects.get(locale=english)
    arabic_home = HomePage.objects.get(locale=arabic)
    assert english_home.translation_key == arabic_home.translation_key
    assert arabic_home.live


def test_the_40_categories_exist_in_both_locales_with_design_slugs_and_names(english, arabic):
    for locale, name_index in ((english, 1), (arabic, 2)):
        pages = {p.slug: p.title for p in CategoryPage.objects.live().filter(locale=locale)}
        assert pages == {row[0]: row[name_index] for row in CATEGORIES}
    assert CategoryPage.objects.get(locale=arabic, slug="privacy").title == "الخصوصية"


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (ResourcePage, LibraryIndexPage, True),
        (ResourcePage, HomePage, False),
        (ResourcePage, CategoryPage, False),
        (CategoryPage, CategoryIndexPage, True),
        (CategoryPage, LibraryIndexPage, False),
        (LibraryIndexPage, HomePage, True),
        (StandardPage, HomePage, True),
        (GuidePage, LibraryIndexPage, False),
        (HomePage, Page, True),
    ],
)
def test_page_tree_rules(child, parent, allowed):
    assert child.is_creatable or child is HomePage
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_a_home_page_takes_only_one_library_index(english):
    home = HomePage.objects.get(locale=english)
    assert not LibraryIndexPage.can_create_at(home)


def test_site_structure_is_idempotent(english):
    from sitebuild.site_structure import ensure_site

    before = Page.objects.count()
    ensure_site()
    assert Page.objects.count() == before


def test_arabic_skeleton_pages_carry_arabic_text(arabic):
    arabic_home = HomePage.objects.get(locale=arabic)
    assert "مكتبة مشتركة" in arabic_home.intro
    assert "journalists" not in arabic_home.intro
    assert "جميع مصادر تشارُك" in LibraryIndexPage.objects.get(locale=arabic).intro
