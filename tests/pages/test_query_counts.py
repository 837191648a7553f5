"""Every public page type costs the same number of queries whatever the number of items on it:
2 items or 20 (resources, featured resources, comments, tags, categories, collection items,
search results), signed out and signed in. A page that grows a query per item would slow
down with the catalogue, which is what the page benchmark (benchmarks/pages.py) measures."""

import itertools
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import collections
from community.models import Collection, Comment, Rating
from library.models import CategoryPage
from library.translations import translate
from search import indexing
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


@pytest.fixture(params=["anonymous", "member"])
def visitor(request, client, db):
    """A client signed out, or signed in as a member who has a collection and a rating (so the
    member-only parts of each page have something to show)."""
    if request.param == "member":
        member = get_user_model().objects.create_user(
            username="reader", password="a long passphrase 42"
        )
        Collection.objects.create(owner=member, name="Reading list")
        client.force_login(member)
        client.member = member
    else:
        client.member = None
    return client


def page_queries(client, url):
    """The statements of one GET of `url` (after a first GET has warmed per-process caches),
    with numbers and quoted values blanked so that statements differing only in them match."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    shapes = Counter(re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries)
    return shapes, response


def add_resources(count, **fields):
    pages = []
    for _ in range(count):
        n = next(_numbers)
        page = ResourcePageFactory(
            title=f"Counting resource {n}",
            slug=f"counting-resource-{n}",
            rating_count=3,
            rating_sum=12,
            rating_average=4.0,
            rating_bayesian=3.5,
            **fields,
        )
        pages.append(page)
    return pages


def privacy_category():
    return CategoryPage.objects.get(slug="privacy", locale__language_code="en")


def assert_same_count(client, url, grow):
    """The page's query count with its first items equals the count after `grow()` brought
    them to twenty, one of which (a text `grow()` returns, such as a link) is on the page."""
    few, _ = page_queries(client, url)
    markers = grow()
    many, response = page_queries(client, url)
    assert any(marker in response.content.decode() for marker in markers)
    repeated = "\n".join(f"{n}× {sql[:300]}" for sql, n in (many - few).items())
    assert few.total() == many.total(), (
        f"{url}: {few.total()} queries with 2 items, {many.total()} with 20; grew:\n{repeated}"
    )


def test_home_page(visitor):
    add_resources(2)
    assert_same_count(visitor, "/en/", lambda: [f"/{page.slug}/" for page in add_resources(18)])


def test_library_index(visitor):
    add_resources(2)
    assert_same_count(
        visitor, "/en/library/", lambda: [f"/{page.slug}/" for page in add_resources(18)]
    )


def test_category_page_with_resources_and_featured_resources(visitor, arabic):
    category = privacy_category()

    def file_and_feature(count):
        pages = add_resources(count)
        for page in pages:
            page.categories.add(category)
            page.save()
            translate(page, arabic, fields={"title": f"مورد {page.pk}"})
        category.featured_resources.extend(("resource", page) for page in pages)
        category.save_revision().publish()
        return [f"/{page.slug}/" for page in pages]

    file_and_feature(2)
    assert_same_count(visitor, category.url, lambda: file_and_feature(18))


def test_category_page_in_arabic(visitor, arabic):
    category = privacy_category()
    arabic_category = category.get_translation(arabic)

    def file_in_arabic(count):
        pages = add_resources(count)
        for page in pages:
            page.categories.add(category)
            page.save()
            translated = translate(page, arabic, fields={"title": f"مورد عربي {page.pk}"})
        return [f"/{translated.slug}/"]

    file_in_arabic(2)
    assert_same_count(visitor, arabic_category.url, lambda: file_in_arabic(18))


def test_resource_page_with_comments_tags_and_categories(visitor):
    (resource,) = add_resources(1)
    categories = list(CategoryPage.objects.filter(locale__language_code="en").order_by("path")[:20])
    authors = [
        get_user_model().objects.create_user(username=f"commenter{n}", password="x" * 12)
        for n in range(20)
    ]

    def grow(start, stop):
        for n in range(start, stop):
            Comment.objects.create(
                author=authors[n],
                translation_key=resource.translation_key,
                body=f"Comment number {n}",
                status=Comment.PUBLISHED,
            )
            Rating.objects.create(
                user=authors[n], translation_key=resource.translation_key, stars=1 + n % 5
            )
            resource.tags.add(f"counted-tag-{n}")
            resource.categories.add(categories[n])
        resource.save_revision().publish()
        return [f"Comment number {stop - 1}"]

    grow(0, 2)
    assert_same_count(visitor, resource.url, lambda: grow(2, 20))


def test_search_results_on_the_database_fallback(visitor, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}

    def searchable(count):
        pages = add_resources(count, summary="Notes on counting queries.")
        indexing.update({page.translation_key for page in pages})
        return [f"/{page.slug}/" for page in pages]

    # Three, not two: under three results the page also looks for a "did you mean" query.
    searchable(3)
    assert_same_count(visitor, "/en/search/?q=counting", lambda: searchable(17))


def test_public_collection_page(visitor):
    owner = get_user_model().objects.create_user(username="curious", password="x" * 12)
    collection = Collection.objects.create(owner=owner, name="Counted list", is_public=True)

    def collect(count):
        pages = add_resources(count)
        for page in pages:
            collections.save_resource(owner, page.translation_key, collection)
        return [f"/{page.slug}/" for page in pages]

    collect(2)
    assert_same_count(visitor, f"/en/collections/{collection.pk}/", lambda: collect(18))
