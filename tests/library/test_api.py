"""The read-only public API: resources, categories and public collections (/api/v1/)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from community.models import Collection, CollectionItem
from library.models import CategoryPage, ResourcePage
from library.translations import translate
from search import indexing
from tests.factories import ResourcePageFactory
from tests.search.test_api_and_page import CONTRACT_RESULT_KEYS

pytestmark = pytest.mark.django_db

ITEM_KEYS = CONTRACT_RESULT_KEYS - {"highlight"}  # the search item shape, minus highlights
START = datetime(2024, 1, 1, tzinfo=UTC)


def resource(days=0, categories=(), **fields):
    """A live English resource first published `days` after START, filed under `categories`."""
    page = ResourcePageFactory(**fields)
    if categories:
        page.categories.set(
            CategoryPage.objects.filter(locale__language_code="en", slug__in=categories)
        )
        page.save()
    published(page, days)
    return page


def published(page, days):
    ResourcePage.objects.filter(translation_key=page.translation_key).update(
        first_published_at=START + timedelta(days=days)
    )


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(data):
    return [item["title"] for item in data["results"]]


# --- Resources -------------------------------------------------------------------------------


def test_resource_list_shape_in_both_locales(client, arabic):
    page = resource(
        title="Holistic Security",
        slug="holistic-security",
        categories=["digital-security", "privacy"],
        languages=["en", "ar"],
        regions=["global"],
    )
    arabic_page = translate(page, arabic, fields={"title": "الأمن الشامل"})
    published(page, 0)

    english = get(client, "/api/v1/resources/?locale=en")
    assert english["count"] == 1
    item = english["results"][0]
    assert set(item) == ITEM_KEYS
    assert item["id"] == page.pk
    assert item["url"] == "/en/library/holistic-security/"
    assert item["title"] == "Holistic Security"
    assert item["categories"] == ["digital-security", "privacy"]
    assert item["languages"] == ["en", "ar"]
    assert item["format"] == "guide"
    assert item["license"] == "CC-BY-4.0"
    assert item["rating"] == {"average": 0.0, "count": 0}

    arabic_item = get(client, "/api/v1/resources/?locale=ar")["results"][0]
    assert set(arabic_item) == ITEM_KEYS
    assert arabic_item["id"] == arabic_page.pk
    assert arabic_item["url"] == "/ar/library/holistic-security/"
    assert arabic_item["title"] == "الأمن الشامل"
    assert arabic_item["categories"] == ["digital-security", "privacy"]


def test_untranslated_resource_falls_back_to_the_other_language(client):
    page = resource(title="Only in English", slug="only-english")
    data = get(client, "/api/v1/resources/?locale=ar")
    assert data["count"] == 1
    assert data["results"][0]["id"] == page.pk
    assert data["results"][0]["url"] == "/en/library/only-english/"


def test_resource_list_matches_the_search_item_shape(client, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # the database backend
    page = resource(title="Same shape", slug="same-shape", categories=["privacy"])
    indexing.update({page.translation_key})  # after-commit hooks do not fire inside tests
    listed = get(client, "/api/v1/resources/")["results"][0]
    searched = get(client, "/api/v1/search/?sort=newest")["results"][0]
    searched.pop("highlight")
    assert listed == searched


def test_resources_are_newest_first_and_paginated(client):
    for day in [3, 1, 4, 2, 5]:
        resource(days=day, title=f"Day {day}", slug=f"day-{day}")
    assert titles(get(client, "/api/v1/resources/")) == [
        "Day 5",
        "Day 4",
        "Day 3",
        "Day 2",
        "Day 1",
    ]
    first = get(client, "/api/v1/resources/?page_size=2")
    second = get(client, "/api/v1/resources/?page_size=2&page=2")
    last = get(client, "/api/v1/resources/?page_size=2&page=3")
    beyond = get(client, "/api/v1/resources/?page_size=2&page=4")
    assert first["count"] == second["count"] == 5
    assert titles(first) == ["Day 5", "Day 4"]
    assert titles(second) == ["Day 3", "Day 2"]
    assert titles(last) == ["Day 1"]
    assert beyond == {"count": 5, "results": []}


def test_filters_or_within_a_facet_and_across_facets(client):
    resource(
        1, ["privacy"], title="A", slug="a", languages=["ar"], regions=["lb"], media_format="guide"
    )
    resource(
        2, ["surveillance"], title="B", slug="b", languages=["en"], regions=["eg"], license="MIT"
    )
    resource(3, ["privacy"], title="C", slug="c", languages=["fr", "ar"], media_format="video")
    resource(4, ["gender"], title="D", slug="d", languages=["de"], regions=["mena"])

    def found(query):
        return titles(get(client, f"/api/v1/resources/?{query}"))

    assert found("category=privacy") == ["C", "A"]
    assert found("category=privacy&category=surveillance") == ["C", "B", "A"]
    assert found("language=ar") == ["C", "A"]
    assert found("region=me") == []  # a code inside another ("mena") is not a match
    assert found("region=mena&region=lb") == ["D", "A"]
    assert found("language=ar&language=en") == ["C", "B", "A"]
    assert found("region=lb&region=eg") == ["B", "A"]
    assert found("format=video&format=guide") == ["D", "C", "B", "A"]
    assert found("format=video") == ["C"]
    assert found("license=MIT") == ["B"]
    assert found("category=privacy&language=ar&format=guide") == ["A"]
    assert found("category=privacy&category=surveillance&language=en") == ["B"]
    assert found("category=privacy&region=eg") == []
    assert found("category=no-such-category") == []
    assert get(client, "/api/v1/resources/?language=ar&language=fr")["count"] == 2


def test_only_live_resources_once_per_work(client, arabic):
    page = resource(1, title="Both", slug="both")
    translate(page, arabic, fields={"title": "كلاهما"})
    published(page, 1)
    draft = resource(2, title="Draft", slug="draft")
    draft.unpublish()
    assert titles(get(client, "/api/v1/resources/?locale=en")) == ["Both"]
    assert titles(get(client, "/api/v1/resources/?locale=ar")) == ["كلاهما"]
    assert get(client, f"/api/v1/resources/{draft.pk}/", status=404) == {
        "error": "No published resource has this id."
    }


def test_resource_detail_in_both_locales(client, arabic):
    page = resource(title="Security in a Box", slug="box")
    page.tags.add("tools", "security")
    page.details = [
        (
            "edition",
            {
                "language": "ar",
                "url": "https://example.org/ar/",
                "media_format": "guide",
                "title": "عدة الأمان",
            },
        )
    ]
    page.save_revision().publish()
    arabic_page = translate(page, arabic, fields={"title": "عدة الأمان"})

    english = get(client, f"/api/v1/resources/{page.pk}/?locale=en")
    assert set(english) == ITEM_KEYS | {"tags", "editions", "prerequisites", "safety_note"}
    assert english["id"] == page.pk
    assert english["title"] == "Security in a Box"
    assert english["tags"] == ["security", "tools"]
    assert english["editions"] == [
        {
            "language": "ar",
            "url": "https://example.org/ar/",
            "format": "guide",
            "title": "عدة الأمان",
        }
    ]
    # Either translation's id leads to the work, shown in the requested language.
    for pk in (page.pk, arabic_page.pk):
        shown = get(client, f"/api/v1/resources/{pk}/?locale=ar")
        assert shown["id"] == arabic_page.pk
        assert shown["title"] == "عدة الأمان"
        assert shown["url"] == "/ar/library/box/"


@pytest.mark.parametrize("path", ["999999999/", "abc/", "-1/"])
def test_unknown_resource_is_a_json_404(client, path):
    data = get(client, f"/api/v1/resources/{path}", status=404)
    assert set(data) == {"error"}


@pytest.mark.parametrize(
    "query",
    [
        "locale=fr",
        "page=0",
        "page=abc",
        "page_size=51",
        "page_size=0",
        "language=ARABIC!",
        "category=%3Cscript%3E",
        "license=" + "x" * 60,
        "sort=sideways",
    ],
)
@pytest.mark.parametrize("endpoint", ["resources/", "categories/", "collections/"])
def test_bad_parameters_are_a_400_with_a_reason(client, endpoint, query):
    data = get(client, f"/api/v1/{endpoint}?{query}", status=400)
    assert data["error"]


def test_resource_detail_rejects_a_bad_locale(client):
    page = resource()
    assert get(client, f"/api/v1/resources/{page.pk}/?locale=xx", status=400)["error"]


def test_errors_are_translated(client):
    response = client.get("/api/v1/resources/999999/?locale=ar")
    assert response.status_code == 404
    assert response.json()["error"] == "لا يوجد مورد منشور بهذا المعرّف."


# --- Categories ------------------------------------------------------------------------------


def test_categories_in_tree_order_with_counts(client, arabic):
    page = resource(categories=["privacy", "gender"])
    resource(categories=["privacy"])
    translate(page, arabic, fields={"title": "عنوان"})

    english = get(client, "/api/v1/categories/?locale=en")
    assert english["count"] == 40
    first = english["results"][0]
    assert set(first) == {"slug", "title", "url", "resource_count"}
    by_slug = {c["slug"]: c for c in english["results"]}
    assert by_slug["privacy"]["resource_count"] == 2
    assert by_slug["gender"]["resource_count"] == 1
    assert by_slug["elections"]["resource_count"] == 0
    assert by_slug["privacy"]["url"] == "/en/categories/privacy/"
    expected_order = list(
        CategoryPage.objects.live()
        .filter(locale__language_code="en")
        .order_by("path")
        .values_list("slug", flat=True)
    )
    assert [c["slug"] for c in english["results"]] == expected_order

    arabic_data = {c["slug"]: c for c in get(client, "/api/v1/categories/?locale=ar")["results"]}
    assert arabic_data["privacy"]["title"] == "الخصوصية"
    assert arabic_data["privacy"]["url"] == "/ar/categories/privacy/"
    assert arabic_data["privacy"]["resource_count"] == 1  # only one has an Arabic version


# --- Collections -----------------------------------------------------------------------------


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user(
        username="reader", password="a long passphrase 42", display_name="Layla"
    )


def collection(owner, public=True, keys=(), **fields):
    made = Collection.objects.create(owner=owner, name="Reading list", is_public=public, **fields)
    for position, key in enumerate(keys):
        CollectionItem.objects.create(
            collection=made, translation_key=key, position=position, note="my secret note"
        )
    return made


def test_public_collection_detail_in_order_without_notes(client, owner, arabic):
    first, second, hidden = resource(title="First"), resource(title="Second"), resource()
    translate(second, arabic, fields={"title": "الثاني"})
    hidden.unpublish()
    shown = collection(
        owner,
        keys=[second.translation_key, hidden.translation_key, first.translation_key],
        description="Things to read",
    )

    data = get(client, f"/api/v1/collections/{shown.pk}/?locale=ar")
    assert set(data) == {"id", "name", "description", "owner", "url", "items"}
    assert data["id"] == shown.pk
    assert data["name"] == "Reading list"
    assert data["description"] == "Things to read"
    assert data["url"] == f"/ar/collections/{shown.pk}/"
    assert [item["resource"]["title"] for item in data["items"]] == ["الثاني", "First"]
    assert [item["position"] for item in data["items"]] == [0, 2]
    assert set(data["items"][0]) == {"resource", "position"}
    assert set(data["items"][0]["resource"]) == ITEM_KEYS
    assert "my secret note" not in client.get(f"/api/v1/collections/{shown.pk}/").content.decode()


def test_private_collections_are_invisible(client, owner):
    public = collection(owner)
    private = collection(owner, public=False, keys=[resource().translation_key])
    listed = get(client, "/api/v1/collections/")
    assert listed["count"] == 1
    assert [c["id"] for c in listed["results"]] == [public.pk]
    assert set(listed["results"][0]) == {"id", "name", "description", "owner", "url"}
    assert get(client, f"/api/v1/collections/{private.pk}/", status=404) == {
        "error": "No public collection has this id."
    }
    client.force_login(owner)  # not even to its owner: the API is public and read-only
    get(client, f"/api/v1/collections/{private.pk}/", status=404)


def test_collections_of_deactivated_members_are_invisible(client, owner):
    public = collection(owner)
    owner.is_active = False
    owner.save()
    assert get(client, "/api/v1/collections/")["count"] == 0
    get(client, f"/api/v1/collections/{public.pk}/", status=404)


@pytest.mark.parametrize(
    ("show_collections", "show_display_name", "expected"),
    [(False, True, None), (False, False, None), (True, False, "reader"), (True, True, "Layla")],
)
def test_owner_is_shown_only_as_the_member_allows(
    client, owner, show_collections, show_display_name, expected
):
    owner.show_collections = show_collections
    owner.show_display_name = show_display_name
    owner.save()
    public = collection(owner)
    assert get(client, "/api/v1/collections/")["results"][0]["owner"] == expected
    assert get(client, f"/api/v1/collections/{public.pk}/")["owner"] == expected


def test_collections_are_paginated_newest_first(client, owner):
    made = [collection(owner) for _ in range(3)]
    first = get(client, "/api/v1/collections/?page_size=2")
    second = get(client, "/api/v1/collections/?page_size=2&page=2")
    assert first["count"] == 3
    assert [c["id"] for c in first["results"] + second["results"]] == [c.pk for c in made[::-1]]


@pytest.mark.parametrize("path", ["999999999/", "abc/"])
def test_unknown_collection_is_a_json_404(client, path):
    assert set(get(client, f"/api/v1/collections/{path}", status=404)) == {"error"}


# --- Schema and coexistence with search ------------------------------------------------------


def test_search_routes_still_answer(client):
    # Whatever the index holds from other tests, the search contract's keys must be there.
    assert {"count", "results", "facets"} <= set(get(client, "/api/v1/search/?q=guide"))
    assert "paths" in get(client, "/api/v1/schema/")


def test_schema_documents_the_endpoints(client):
    paths = get(client, "/api/v1/schema/")["paths"]
    for path in [
        "/api/v1/resources/",
        "/api/v1/resources/{id}/",
        "/api/v1/categories/",
        "/api/v1/collections/",
        "/api/v1/collections/{id}/",
    ]:
        assert "get" in paths[path]
