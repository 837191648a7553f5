"""Probe issue 21, item 2: a page behind a Wagtail view restriction (signed-in users or a
password) is left out of every listing, count, search answer, feed and widget, in both
languages and on both search backends; its own URL stays Wagtail's to guard.

The probe found the title, summary and source URL of a restricted resource on every surface
but its own page. Here an attacker, signed out, walks every surface in English and Arabic and
looks for anything of a restricted work — its titles in both languages, its summary, its
source address, its slug — while an unrestricted work beside it stays visible, so each
surface is shown to work. A restriction on the English page hides the Arabic translation and
the other way round; one on an ancestor (the Arabic library index) hides everything below it
and the translations of those pages. Lifting the restriction brings the work back.
"""

import json
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import PageViewRestriction

from community.models import Collection, CollectionItem
from library.models import CategoryPage, LibraryIndexPage
from library.translations import translate
from search import engine, indexing
from tests.factories import ResourcePageFactory
from tests.search.conftest import (  # noqa: F401  (the real engine and the fallback)
    _session_index_prefix,
    database_backend,
    engine_backend,
    engine_url,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]
CATEGORY = "digital-security"
# Everything of the restricted work an attacker could recognise, in either language.
SECRET = [
    "secret edition",
    "النسخة السرية",
    "behind the login",
    "خلف الباب المغلق",
    "secret.example.org",
    "sealed-shelters",
]
OPEN = {"en": "open edition", "ar": "النسخة المفتوحة"}


@pytest.fixture(params=["engine_backend", "database_backend"])
def backend(request):
    """Each test runs against the real engine and against the PostgreSQL fallback rows."""
    return request.getfixturevalue(request.param)


def _filed(page):
    page.categories.set(CategoryPage.objects.filter(locale__language_code="en", slug=CATEGORY))
    page.save_revision().publish()
    return page


def _bilingual(arabic, slug, edition_en, edition_ar, summary_en, summary_ar, url):
    english = _filed(
        ResourcePageFactory(
            title=f"Shelter handbook, {edition_en}",
            slug=slug,
            summary=summary_en,
            source_url=url,
        )
    )
    translation = translate(
        english,
        arabic,
        fields={"title": f"دليل الملاجئ، {edition_ar}", "summary": summary_ar},
    )
    return {"en": english, "ar": translation}


@pytest.fixture
def works(backend, arabic, django_user_model, settings):
    """A restricted-to-be work and an open one, both bilingual, in one category and in one
    public collection, indexed on the backend under test."""
    # The walk reads the open API a hundred times a minute: more than its rate limit allows.
    members = settings.TASHARUK_MEMBERS
    settings.TASHARUK_MEMBERS = {
        **members,
        "RATE_LIMITS": {**members["RATE_LIMITS"], "open_api": (100_000, 60)},
    }
    secret = _bilingual(
        arabic,
        "sealed-shelters",
        "secret edition",
        "النسخة السرية",
        "Addresses kept behind the login.",
        "عناوين خلف الباب المغلق.",
        "https://secret.example.org/shelters/",
    )
    shown = _bilingual(
        arabic,
        "open-shelters",
        "open edition",
        "النسخة المفتوحة",
        "Addresses anyone may read.",
        "عناوين يقرؤها الجميع.",
        "https://open.example.org/shelters/",
    )
    owner = django_user_model.objects.create_user(username="keeper", password="long pass 4242")
    collection = Collection.objects.create(owner=owner, name="Shelters", is_public=True)
    for position, work in enumerate([secret, shown]):
        CollectionItem.objects.create(
            collection=collection, translation_key=work["en"].translation_key, position=position
        )
    indexing.update({secret["en"].translation_key, shown["en"].translation_key})
    if engine.configured():
        engine.refresh()
    return {"secret": secret, "open": shown, "collection": collection}


def _restrict(page, kind, django_capture_on_commit_callbacks):
    """Add a view restriction the way the admin's privacy dialog does; the after-commit
    reindexing runs as it would in production."""
    with django_capture_on_commit_callbacks(execute=True):
        if kind == "password":
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="opensesame"
            )
        else:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
    if engine.configured():
        engine.refresh()
    return restriction


def _text(response):
    """A response body as text; JSON re-serialised without \\u escapes, so Arabic is readable."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _surfaces(works, language):
    """(name, URL) of every surface that lists, counts or describes resources, in `language`."""
    secret, shown = works["secret"], works["open"]
    collection = works["collection"].pk
    with override(language):
        search_page = reverse("search")
        collection_page = reverse("community_collection", args=[collection])
    surfaces = [
        ("API search", f"/api/v1/search/?q=shelter&locale={language}"),
        ("API search, no query", f"/api/v1/search/?locale={language}"),
        ("API search, category", f"/api/v1/search/?category={CATEGORY}&locale={language}"),
        ("API list", f"/api/v1/resources/?locale={language}"),
        ("API list, category", f"/api/v1/resources/?category={CATEGORY}&locale={language}"),
        ("API categories", f"/api/v1/categories/?locale={language}"),
        ("API collection", f"/api/v1/collections/{collection}/?locale={language}"),
        (
            "autocomplete",
            f"/api/v1/search/autocomplete/?q={quote(_prefix(language))}&locale={language}",
        ),
        ("latest feed", f"/{language}/feeds/latest/rss/"),
        ("latest feed, Atom", f"/{language}/feeds/latest/atom/"),
        ("category feed", f"/{language}/feeds/categories/{CATEGORY}/rss/"),
        ("search feed", f"/{language}/feeds/search/rss/?q=shelter"),
        ("collection feed", f"/{language}/feeds/collections/{collection}/rss/"),
        ("widget", f"/{language}/embed/widget/"),
        ("widget, category", f"/{language}/embed/widget/?category={CATEGORY}"),
        ("widget, search", f"/{language}/embed/widget/?q=shelter"),
        ("home page", f"/{language}/"),
        ("library index", f"/{language}/library/"),
        ("category index", f"/{language}/categories/"),
        ("category page", f"/{language}/categories/{CATEGORY}/"),
        ("search page", f"{search_page}?q=shelter"),
        ("search page, no query", search_page),
        ("public collection page", collection_page),
        ("sitemap", "/sitemap.xml"),
    ]
    for work in (secret, shown):
        for page in work.values():
            surfaces.append(
                (f"API detail {page.pk}", f"/api/v1/resources/{page.pk}/?locale={language}")
            )
            oembed_url = quote(f"http://testserver{page.url}", safe="")
            surfaces.append((f"oEmbed {page.pk}", f"/api/v1/oembed/?url={oembed_url}"))
    return surfaces


def _prefix(language):
    return "Shelter hand" if language == "en" else "دليل الملاجئ"


def _assert_hidden(client, works, open_visible):
    """No surface, in either language, shows anything of the secret work; each shows the open
    work (when `open_visible`) so an empty or broken surface cannot pass."""
    secret_ids = {page.pk for page in works["secret"].values()}
    open_ids = {page.pk for page in works["open"].values()}
    for language in LANGUAGES:
        for name, url in _surfaces(works, language):
            response = client.get(url)
            body = _text(response)
            where = f"{name} ({language}): {url}"
            for marker in SECRET:
                assert marker not in body, f"{marker!r} leaks through {where}"
            detail = name.startswith(("API detail", "oEmbed"))
            page_id = int(name.rsplit(" ", 1)[1]) if detail else None
            if page_id in secret_ids:
                assert response.status_code == 404, where
            elif page_id in open_ids:
                assert response.status_code == (200 if open_visible else 404), where
            elif open_visible:
                assert response.status_code == 200, where
                if name not in ("API categories", "category index"):
                    assert _open_marker(works, language, url) in body, f"open work missing: {where}"
            else:  # everything is hidden; nothing of the open work may show either
                assert OPEN["en"] not in body and OPEN["ar"] not in body, where
        _assert_counts(client, language, 1 if open_visible else 0)


def _open_marker(works, language, url):
    """What of the open work a surface shows: its title in `language` (the sitemap lists
    both translations' addresses, so there its slug)."""
    if url == "/sitemap.xml":
        return "open-shelters"
    return OPEN[language]


def _assert_counts(client, language, expected):
    """Counts an attacker could read the restricted work off: totals, facets, per category."""
    search = client.get(f"/api/v1/search/?locale={language}").json()
    assert search["count"] == expected
    facet = {row["value"]: row["count"] for row in search["facets"]["category"]}
    assert facet.get(CATEGORY, 0) == expected
    listing = client.get(f"/api/v1/resources/?locale={language}").json()
    assert listing["count"] == expected
    categories = client.get(f"/api/v1/categories/?locale={language}").json()["results"]
    counts = {row["slug"]: row["resource_count"] for row in categories}
    assert counts.get(CATEGORY, 0) == expected


# (what is restricted, how): the English page, the Arabic translation, and an ancestor.
RESTRICTIONS = [
    ("en", "login"),
    ("en", "password"),
    ("ar", "login"),
    ("ar", "password"),
    ("ar library index", "login"),
]


@pytest.mark.parametrize("target, kind", RESTRICTIONS)
def test_restricted_work_is_left_out_of_every_surface_in_both_languages(
    client, works, arabic, target, kind, django_capture_on_commit_callbacks
):
    for language in LANGUAGES:  # before: the secret work is found like any other
        found = client.get(f"/api/v1/search/?q=shelter&locale={language}").json()
        assert found["count"] == 2
    if target == "ar library index":
        page = LibraryIndexPage.objects.get(locale=arabic)
    else:
        page = works["secret"][target]
    _restrict(page, kind, django_capture_on_commit_callbacks)
    # An ancestor's restriction covers every page below it, and so every work with a
    # translation there: the open work too.
    _assert_hidden(client, works, open_visible=target != "ar library index")


@pytest.mark.parametrize("target", ["en", "ar"])
def test_lifting_the_restriction_brings_the_work_back(
    client, works, target, django_capture_on_commit_callbacks
):
    restriction = _restrict(works["secret"][target], "login", django_capture_on_commit_callbacks)
    _assert_hidden(client, works, open_visible=True)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    if engine.configured():
        engine.refresh()
    for language in LANGUAGES:
        found = client.get(f"/api/v1/search/?q=shelter&locale={language}").json()
        assert found["count"] == 2
        assert any("secret" in r["source_url"] for r in found["results"])
        page = works["secret"][language]
        assert client.get(f"/api/v1/resources/{page.pk}/?locale={language}").status_code == 200
        secret_title = "secret edition" if language == "en" else "النسخة السرية"
        for url in (
            f"/{language}/",
            f"/{language}/feeds/latest/rss/",
            f"/{language}/embed/widget/",
        ):
            assert secret_title in client.get(url).content.decode(), url
        _assert_counts_two(client, language)


def _assert_counts_two(client, language):
    assert client.get(f"/api/v1/resources/?locale={language}").json()["count"] == 2
    categories = client.get(f"/api/v1/categories/?locale={language}").json()["results"]
    assert {row["slug"]: row["resource_count"] for row in categories}[CATEGORY] == 2


def test_the_restricted_page_itself_still_asks_for_its_password(
    client, works, django_capture_on_commit_callbacks
):
    """Leaving a page out of listings does not open or break the page: Wagtail still guards
    it at its own URL, in both languages."""
    for language in LANGUAGES:
        page = works["secret"][language]
        _restrict(page, "password", django_capture_on_commit_callbacks)
        response = client.get(page.url)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'name="password"' in body
        assert "secret.example.org" not in body


@pytest.mark.parametrize("target", ["en", "ar"])
def test_a_translation_asks_for_what_its_restricted_page_asks(
    client, works, target, django_capture_on_commit_callbacks
):
    """Wagtail guards a restricted page only; its translation in the other language asks for
    the same password (or sign-in), and the password opens both."""
    other = "ar" if target == "en" else "en"
    restricted, translation = works["secret"][target], works["secret"][other]
    _restrict(restricted, "password", django_capture_on_commit_callbacks)
    response = client.get(translation.url)
    body = response.content.decode()
    assert 'name="password"' in body
    assert not any(marker in body for marker in SECRET if marker != "sealed-shelters")
    action = re.search(r'action="([^"]+)"', body).group(1)
    client.post(action, {"password": "opensesame", "return_url": translation.url})
    for page in (restricted, translation):
        assert client.get(page.url).status_code == 200
    assert "secret.example.org" in client.get(translation.url).content.decode()


def test_a_translation_of_a_page_for_members_asks_to_sign_in(
    client, works, django_user_model, django_capture_on_commit_callbacks
):
    _restrict(works["secret"]["en"], "login", django_capture_on_commit_callbacks)
    arabic = works["secret"]["ar"].url
    response = client.get(arabic)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(django_user_model.objects.create_user("member", password="x" * 16))
    assert "secret.example.org" in client.get(arabic).content.decode()


def test_resources_under_an_unpublished_library_index_leave_the_lists_and_come_back(
    client, works, arabic, django_capture_on_commit_callbacks
):
    """The same rule for publication: unpublishing the Arabic library index (its pages stay
    live) takes the Arabic translations out of search and feeds; the English ones remain."""
    index = LibraryIndexPage.objects.get(locale=arabic)

    def arabic_titles():
        if engine.configured():
            engine.refresh()
        found = client.get("/api/v1/search/?q=shelter&locale=ar").json()
        assert found["count"] == 2
        return " ".join(result["title"] for result in found["results"])

    with django_capture_on_commit_callbacks(execute=True):
        index.unpublish()
    titles = arabic_titles()
    assert OPEN["ar"] not in titles and OPEN["en"] in titles  # shown in English instead
    assert OPEN["ar"] not in client.get("/ar/feeds/latest/rss/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    assert OPEN["ar"] in arabic_titles()
