"""The home page shows the library (search first, the 40 categories with counts, the latest
resources, current programs, member collections), the header links to Programs, every footer
states the site's licence, and the Terms page exists in both languages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.utils import timezone

from community.models import Collection, CollectionItem
from home.models import HomePage
from library.models import CategoryPage
from library.translations import translate
from programs.models import ProgramIndexPage, ProgramPage
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def shelf(arabic):
    """A filed resource in both languages, a current and an ended program in both languages, a
    public collection holding the resource."""
    resource = ResourcePageFactory(title="Threat modelling for newsrooms", slug="threat-model")
    resource.categories.set(
        CategoryPage.objects.filter(locale__language_code="en", slug="digital-security")
    )
    resource.save_revision().publish()
    translate(resource, arabic, fields={"title": "نمذجة التهديدات لغرف الأخبار"})
    home = HomePage.objects.get(locale__language_code="en")
    index = home.add_child(
        instance=ProgramIndexPage(title="Training programs", slug="programs", show_in_menus=True)
    )
    index.save_revision().publish()
    translate(index, arabic, fields={"title": "البرامج التدريبية"})
    today = timezone.localdate()
    programs = {}
    for slug, title, arabic_title, ends in [
        ("current", "Safer reporting", "تقارير أكثر أمانًا", today + datetime.timedelta(weeks=3)),
        ("ended", "Last year's course", "دورة العام الماضي", today - datetime.timedelta(days=1)),
    ]:
        program = index.add_child(
            instance=ProgramPage(
                title=title,
                slug=slug,
                summary=f"{title}, in four weeks.",
                starts_on=ends - datetime.timedelta(weeks=4),
                ends_on=ends,
            )
        )
        program.save_revision().publish()
        translate(program, arabic, fields={"title": arabic_title, "summary": "ملخص البرنامج"})
        programs[slug] = program
    owner = get_user_model().objects.create_user(
        username="collector", password="a long passphrase 42", show_collections=True
    )
    collection = Collection.objects.create(owner=owner, name="Newsroom kit", is_public=True)
    CollectionItem.objects.create(collection=collection, translation_key=resource.translation_key)
    hidden = Collection.objects.create(owner=owner, name="Private notes", is_public=False)
    CollectionItem.objects.create(collection=hidden, translation_key=resource.translation_key)
    return {"resource": resource, "programs": programs, "collection": collection}


@pytest.mark.parametrize(
    ("language", "title", "category", "program", "programs_link"),
    [
        (
            "en",
            "Threat modelling for newsrooms",
            "Digital Security",
            "Safer reporting",
            "Training programs",
        ),
        (
            "ar",
            "نمذجة التهديدات لغرف الأخبار",
            "الأمن الرقمي",
            "تقارير أكثر أمانًا",
            "البرامج التدريبية",
        ),
    ],
)
def test_home_page_shows_the_library(
    client, shelf, language, title, category, program, programs_link
):
    page = soup(client.get(f"/{language}/"))
    main = page.select_one("main")
    # The search box comes first in the page's content, before any list.
    elements = main.find_all(True)
    search_box = main.select_one("input[name=q]")
    assert search_box.find_parent("form")["role"] == "search"
    assert elements.index(search_box) < elements.index(main.select_one(".category-grid"))
    assert elements.index(search_box) < elements.index(main.select_one(".resource-card"))

    grid = main.select(".category-grid li")
    assert len(grid) == 40
    counts = {
        item.select_one(".category-grid__name").text: item.select_one(".category-grid__count").text
        for item in grid
    }
    one, none = {"en": ("1 resource", "0 resources"), "ar": ("مصدر واحد", "لا مصادر")}[language]
    assert counts.pop(category).strip() == one
    assert {text.strip() for text in counts.values()} == {none}

    assert title in main.select_one("#home-latest").parent.text
    programs = main.select_one("#home-programs").parent
    assert program in programs.text
    assert "Last year" not in programs.text and "دورة العام الماضي" not in programs.text
    collections = main.select_one("#home-collections").parent.text
    assert "Newsroom kit" in collections and "Private notes" not in collections
    assert "collector" in collections  # the member chose to show their collections

    nav = {a.text.strip(): a["href"] for a in page.select(".main-nav a")}
    assert nav[programs_link] == f"/{language}/programs/"


def test_home_page_keeps_unpublished_programs_and_resources_off(client, shelf):
    shelf["programs"]["current"].unpublish()
    for translation in shelf["resource"].get_translations(inclusive=True):
        translation.unpublish()
    page = soup(client.get("/en/"))
    assert "Safer reporting" not in page.select_one("#home-programs").parent.text
    assert "Threat modelling" not in page.select_one("#home-latest").parent.text
    # The collection now holds nothing anybody can open, in any language: it is not shown.
    assert page.select_one("#home-collections") is None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_has_a_local_svg_favicon(client, language):
    page = soup(client.get(f"/{language}/"))
    icon = page.select_one('link[rel="icon"]')
    assert icon["href"] == "/static/favicon.svg" and icon["type"] == "image/svg+xml"
    with open(finders.find("favicon.svg"), encoding="utf-8") as svg:
        assert svg.read().lstrip().startswith("<svg")


@pytest.mark.parametrize(
    ("path", "words", "deed"),
    [
        (
            "/en/",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/deed.en",
        ),
        ("/ar/", "المشاع الإبداعي", "https://creativecommons.org/licenses/by/4.0/deed.ar"),
        (
            "/en/search/",
            "Each resource keeps its own licence",
            "https://creativecommons.org/licenses/by/4.0/deed.en",
        ),
        ("/ar/search/", "ترخيصه الخاص", "https://creativecommons.org/licenses/by/4.0/deed.ar"),
    ],
)
def test_footer_states_the_sites_licence_in_the_readers_language(client, path, words, deed):
    footer = soup(client.get(path)).select_one("footer .site-footer__licence")
    assert words in footer.text
    assert footer.select_one('a[rel="license"]')["href"] == deed


@pytest.mark.parametrize(
    ("language", "about", "title", "template_note"),
    [
        ("en", "/en/about/", "Terms of Service", "This text is a template"),
        ("ar", "/ar/about/", "شروط الخدمة", "هذا النص نموذج"),
    ],
)
def test_terms_page_exists_in_both_languages_and_about_links_to_it(
    client, language, about, title, template_note
):
    about_page = soup(client.get(about))
    link = about_page.select_one(f'main a[href="/{language}/terms/"]')
    assert link is not None and link.text == title
    terms = soup(client.get(link["href"]))
    assert terms.h1.text == title
    assert template_note in terms.select_one("main").text
    assert terms.select_one('main a[href^="https://creativecommons.org/licenses/by/4.0/"]')
