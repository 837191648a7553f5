"""Publishers and authors have a page in both languages listing their live, public resources,
linked from every resource page that names them."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from library.translations import translate
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def shelf(arabic):
    published = ResourcePageFactory(
        title="Safety guide", slug="safety-guide", publisher="Open Press Lab", author="Rana Haddad"
    )
    translate(published, arabic, fields={"title": "دليل السلامة"})
    draft = ResourcePageFactory(title="Unfinished draft", slug="draft", publisher="Open Press Lab")
    draft.unpublish()
    members_only = ResourcePageFactory(
        title="Members only guide", slug="members-only", publisher="Open Press Lab"
    )
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    other = ResourcePageFactory(title="Someone else's", slug="other", publisher="Another House")
    arabic_publisher = ResourcePageFactory(
        title="Arabic publisher's guide", slug="arabic-publisher", publisher="مؤسسة سمكس"
    )
    return {
        "published": published,
        "other": other,
        "arabic_publisher": arabic_publisher,
    }


@pytest.mark.parametrize(
    ("language", "title", "role"),
    [("en", "Safety guide", "Publisher"), ("ar", "دليل السلامة", "الناشر")],
)
def test_publisher_page_lists_its_live_public_resources(client, shelf, language, title, role):
    response = client.get(f"/{language}/publishers/open-press-lab/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.text == "Open Press Lab"
    assert role in page.select_one("main").text
    titles = [a.text for a in page.select(".resource-card__title a")]
    assert titles == [title]
    text = response.content.decode()
    for hidden in ("Unfinished draft", "Members only guide", "Someone else"):
        assert hidden not in text


@pytest.mark.parametrize(("language", "title"), [("en", "Safety guide"), ("ar", "دليل السلامة")])
def test_resource_page_links_to_its_publisher_and_author(client, shelf, language, title):
    page = soup(client.get(f"/{language}/library/safety-guide/"))
    publisher = page.find("a", string="Open Press Lab")
    author = page.find("a", string="Rana Haddad")
    assert publisher["href"] == f"/{language}/publishers/open-press-lab/"
    assert author["href"] == f"/{language}/authors/rana-haddad/"
    author_page = soup(client.get(author["href"]))
    assert [a.text for a in author_page.select(".resource-card__title a")] == [title]


def test_arabic_publisher_names_keep_their_letters_in_the_address(client, shelf):
    page = soup(client.get("/en/library/arabic-publisher/"))
    link = page.find("a", string="مؤسسة سمكس")
    assert unquote(link["href"]) == "/en/publishers/مؤسسة-سمكس/"
    listed = soup(client.get(link["href"]))
    assert [a.text for a in listed.select(".resource-card__title a")] == [
        "Arabic publisher's guide"
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/en/publishers/nobody-at-all/",
        "/ar/publishers/nobody-at-all/",
        "/en/publishers/%3Cscript%3E/",
        # Only hidden resources name this publisher: it has no public page.
        "/en/authors/open-press-lab/",
    ],
)
def test_unknown_publishers_are_not_found(client, shelf, path):
    assert client.get(path).status_code == 404


def test_a_publisher_whose_only_resources_are_hidden_has_no_page(client, shelf):
    shelf["other"].unpublish()
    assert client.get("/en/publishers/another-house/").status_code == 404
