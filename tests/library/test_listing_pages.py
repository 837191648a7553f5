"""Library and category pages page through every resource by their links, at any depth, and
answer any `?page=` value with a page (never an error), in both languages."""

import pytest
from bs4 import BeautifulSoup

from library.models import CategoryPage, LibraryIndexPage
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

BAD_PAGES = ["junk", "0", "-3", "1.5", "", "%00", "1e400", "--1"]
PAST_THE_END = ["2000", "9" * 40]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def resources(count, language="en", category=None):
    parent = LibraryIndexPage.objects.get(locale__language_code=language)
    word = "مورد" if language == "ar" else "Resource"
    made = []
    for n in range(count):
        page = ResourcePageFactory(title=f"{word} {n:03d}", parent=parent)
        if category is not None:
            page.categories.set([category])
            page.save_revision().publish()
        made.append(page)
    return made


def walk(client, url):
    """Titles of every page of a listing, following its "next" links from `url`."""
    titles, pages = [], 0
    while url:
        html = soup(client.get(url))
        titles += [a.text for a in html.select(".resource-card__title a")]
        pages += 1
        following = html.select_one('.pagination a[rel="next"]')
        url = (url.split("?")[0] + following["href"]) if following else None
    return titles, pages


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("sort", ["newest", "title"])
def test_following_the_page_links_shows_every_resource_once_in_order(client, language, sort):
    made = resources(45, language)
    titles, pages = walk(client, f"/{language}/library/?sort={sort}")
    expected = [page.title for page in made]
    expected = sorted(expected) if sort == "title" else expected[::-1]
    assert pages == 3
    assert titles == expected


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_deep_page_shows_its_own_resources(client, language):
    made = resources(45, language)
    html = soup(client.get(f"/{language}/library/?sort=title&page=3"))
    titles = [a.text for a in html.select(".resource-card__title a")]
    assert titles == sorted(page.title for page in made)[40:]
    assert "3" in html.select_one(".pagination span").text


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("value", BAD_PAGES)
def test_a_junk_page_number_gives_the_first_page(client, language, value):
    made = resources(25, language)
    html = soup(client.get(f"/{language}/library/?sort=title&page={value}"))
    titles = [a.text for a in html.select(".resource-card__title a")]
    assert titles == sorted(page.title for page in made)[:20]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("value", PAST_THE_END)
def test_a_page_past_the_end_gives_the_last_page(client, language, value):
    made = resources(25, language)
    html = soup(client.get(f"/{language}/library/?sort=title&page={value}"))
    titles = [a.text for a in html.select(".resource-card__title a")]
    assert titles == sorted(page.title for page in made)[20:]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_category_pages_page_through_their_own_resources(client, language):
    category = CategoryPage.objects.get(locale__language_code="en", slug="privacy")
    made = resources(23, language, category)
    resources(3, language)  # not filed under the category
    titles, pages = walk(client, f"/{language}/categories/privacy/")
    assert pages == 2
    assert titles == [page.title for page in made][::-1]
    for value in [*BAD_PAGES, *PAST_THE_END]:
        html = soup(client.get(f"/{language}/categories/privacy/?page={value}"))
        assert len(html.select(".resource-card__title a")) in (3, 20)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_kept_category_listing_shows_a_publication_and_an_unpublication_at_once(
    client, settings, language
):
    """A category's ordered ids are kept between publications (library/listing.py): publishing
    a resource in it, or unpublishing one, shows on every page of it at the next request."""
    settings.TASHARUK_PUBLIC_CACHE = {
        **settings.TASHARUK_PUBLIC_CACHE,
        "CATEGORY_COUNT_SECONDS": 300,
    }
    category = CategoryPage.objects.get(locale__language_code="en", slug="privacy")
    made = resources(21, language, category)
    url = f"/{language}/categories/privacy/"
    assert walk(client, url) == ([page.title for page in made][::-1], 2)

    (newest,) = resources(1, language, category)
    made[0].unpublish()
    titles, pages = walk(client, url)
    assert titles == [newest.title] + [page.title for page in made[1:]][::-1]
    assert pages == 2


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("sort", ["newest", "title"])
def test_the_library_kept_in_blocks_shows_a_publication_and_an_unpublication_at_once(
    client, settings, monkeypatch, language, sort
):
    """The library's ordered ids are kept in blocks between publications (library/listing.py):
    with blocks of 7 ids, every page of 20 straddles blocks and still lists each resource once,
    in order; publishing one and unpublishing another shows at the next request."""
    from library import listing

    monkeypatch.setattr(listing, "KEPT_BLOCK", 7)
    settings.TASHARUK_PUBLIC_CACHE = {
        **settings.TASHARUK_PUBLIC_CACHE,
        "CATEGORY_COUNT_SECONDS": 300,
    }
    made = resources(45, language)

    def expected(pages):
        titles = [page.title for page in pages]
        return sorted(titles) if sort == "title" else titles[::-1]

    url = f"/{language}/library/?sort={sort}"
    assert walk(client, url) == (expected(made), 3)

    (newest,) = resources(1, language)
    made[0].unpublish()
    assert walk(client, url) == (expected(made[1:] + [newest]), 3)
