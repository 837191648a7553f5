"""Staff journeys in real Chromium, in the Wagtail admin in Arabic, behind the second factor:
a curator approves a member's submission and finds it in public search (on the real engine),
a translator translates a resource with wagtail-localize, and a curator adds a category and
reorders the categories: the public Arabic categories page shows the new order."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from community.submissions import SubmissionData, submit_resource
from library.models import CategoryIndexPage, CategoryPage
from tests.factories import ResourcePageFactory

from .admin_steps import (
    TIMEOUT,
    assert_admin_in_arabic,
    curator_groups,
    header_action,
    make_staff,
    open_translate_action,
    publish_in_editor,
    sign_in_to_admin,
    translate_segments,
    translator_groups,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser_page):
    browser_page.set_default_timeout(TIMEOUT)
    return browser_page


@pytest.fixture
def shots(request, page, screenshot):
    """`shots.take(page, step)`: the numbered step screenshots of tests/browser/conftest.py,
    plus one of the admin page where a failed test stopped."""
    screenshots = SimpleNamespace(take=screenshot)
    yield screenshots
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshots.take(page, "failed")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def public_search(page, base, language, query):
    """Search the public site as a reader; return the result titles."""
    page.goto(f"{base}/{language}/search/")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    assert page.locator(".search-notice").count() == 0  # the engine answered, not reduced mode
    return page.locator(".search-result__title").all_inner_texts()


@pytest.mark.engine
def test_curator_approves_a_submission_and_readers_find_it(live_site, search_engine, page, shots):
    base = live_site.url
    member = get_user_model().objects.create_user(username="hala_submits", password="x" * 20)
    submission = submit_resource(
        member,
        SubmissionData(
            url="https://swallow.example.org/guide",
            primary_language="en",
            titles={
                "en": "The Swallow guide to encrypted messaging",
                "ar": "دليل السنونو للمراسلة المشفرة",
            },
            summaries={
                "en": "Set up end-to-end encryption on your phone.",
                "ar": "فعّل التشفير بين الطرفين على هاتفك.",
            },
            categories=list(
                CategoryPage.objects.filter(locale__language_code="en", slug="digital-security")
            ),
            languages=["ar", "en"],
        ),
    )
    curator, device = make_staff("curator_maha", curator_groups())

    # Until a curator approves it, readers cannot find the submission.
    assert public_search(page, base, "en", "swallow") == []
    shots.take(page, "search-before-approval")

    sign_in_to_admin(page, base, curator, device, shots)
    page.get_by_role("heading", name="بانتظار مراجعتك").wait_for()
    row = page.locator("tr", has_text="The Swallow guide to encrypted messaging")
    shots.take(page, "awaiting-review")
    row.locator("[aria-label='الإجراءات'], .w-dropdown__toggle").first.click()
    row.get_by_role("button", name="موافقة", exact=True).click()
    row.wait_for(state="detached")  # approved: nothing left for this curator to review
    shots.take(page, "approved")
    assert_admin_in_arabic(page)

    search_engine.refresh()
    titles = public_search(page, base, "ar", "السنونو")
    shots.take(page, "search-ar")
    assert "دليل السنونو للمراسلة المشفرة" in titles
    # The engine holds the published resource, so the engine (not the fallback) answered.
    assert search_engine.client().exists(
        index=search_engine.alias_name(), id=str(submission.translation_key)
    )
    titles = public_search(page, base, "en", "swallow")
    shots.take(page, "search-en")
    assert "The Swallow guide to encrypted messaging" in titles


def test_translator_translates_a_resource_into_arabic_and_it_goes_live(live_site, page, shots):
    base = live_site.url
    resource = ResourcePageFactory(
        title="Verifying videos from the field",
        slug="verifying-field-videos",
        summary="Check where and when a video was filmed before you share it.",
    )
    translator, device = make_staff("translator_sami", translator_groups())

    sign_in_to_admin(page, base, translator, device, shots)
    open_translate_action(page, base, resource, shots)
    shots.take(page, "translation-editor")
    translate_segments(
        page,
        {
            "Verifying videos from the field": "التحقق من مقاطع الفيديو الميدانية",
            "Check where and when a video was filmed before you share it.": (
                "تحقّق من مكان تصوير الفيديو وزمانه قبل أن تشاركه."
            ),
        },
        shots,
    )
    shots.take(page, "published-in-arabic")

    page.goto(f"{base}/ar/library/verifying-field-videos/")
    heading = page.locator("main h1")
    assert heading.inner_text() == "التحقق من مقاطع الفيديو الميدانية"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "تحقّق من مكان تصوير الفيديو وزمانه" in page.locator("main").inner_text()
    shots.take(page, "arabic-page-live")


def test_curator_adds_a_category_and_places_it_beside_surveillance_in_arabic(
    live_site, page, shots
):
    base = live_site.url
    # This curator also translates the category they add.
    curator, device = make_staff("curator_rami", curator_groups() + translator_groups())
    english_index = CategoryIndexPage.objects.get(locale__language_code="en")
    arabic_index = CategoryIndexPage.objects.get(locale__language_code="ar")

    sign_in_to_admin(page, base, curator, device, shots)
    # The curator adds the category in the source (English) tree, as resources file under it.
    page.goto(f"{base}/admin/pages/{english_index.pk}/")
    page.get_by_role("link", name="إضافة صفحة فرعية").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))
    page.fill("#id_title", "Satellite Internet")
    # A category's slug is its stable identifier in both languages: the curator sets it.
    page.get_by_role("tab", name="الترويج").click()
    page.fill("#id_slug", "satellite-internet")
    shots.take(page, "new-category")
    publish_in_editor(page)
    shots.take(page, "category-published")
    new_category = CategoryPage.objects.get(locale__language_code="en", slug="satellite-internet")
    assert new_category.live

    open_translate_action(page, base, new_category, shots)
    translate_segments(page, {"Satellite Internet": "الإنترنت الفضائي"}, shots)

    # Then places it in the Arabic list beside its neighbour topic, surveillance: the new page
    # came last, four places below.
    page.goto(f"{base}/admin/pages/{arabic_index.pk}/")
    header_action(page, "ترتيب قائمة الفرز")
    page.wait_for_url(re.compile(r"ordering=ord"))
    handle = page.locator("tr", has_text="الإنترنت الفضائي").locator(
        "[data-w-orderable-target=handle]"
    )
    shots.take(page, "sort-menu-order")
    handle.focus()
    for _step in range(4):  # the keyboard way to drag: each press moves the row one place up
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messages .success, [data-w-messages-target] .success")
    shots.take(page, "reordered")

    page.goto(f"{base}/ar/categories/")
    names = page.locator(".category-grid__name").all_inner_texts()
    shots.take(page, "public-categories")
    surveillance = names.index("المراقبة")
    assert names[surveillance : surveillance + 3] == [
        "المراقبة",
        "الإنترنت الفضائي",
        "تدريب المدربين",
    ]
    assert len(names) == 41 and names[-1] == "الشباب"
