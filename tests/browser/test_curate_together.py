"""Members curate together, in Arabic, in real Chromium: member A suggests a licence fix, a
curator accepts it in the Arabic admin and the resource page shows it; member B proposes the
missing Arabic summary, which stays unpublished until a translator publishes it."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale

from library.models import ResourcePage
from library.translations import translate
from tests.factories import ResourcePageFactory

from . import steps
from .admin_steps import (
    TIMEOUT,
    assert_admin_in_arabic,
    curator_groups,
    make_staff,
    sign_in_to_admin,
    translator_groups,
)
from .steps import assert_message, assert_page_language, press, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_SUMMARY = "كيف تختار تطبيق مراسلة يحمي مصادرك."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def open_page(context, base):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{base}/ar/")
    return page


def test_members_suggest_and_translate_curators_and_translators_publish(
    live_site, new_context, screenshot
):
    base = live_site.url
    resource = ResourcePageFactory(
        title="Secure messaging for sources",
        slug="secure-messaging-for-sources",
        summary="How to choose a messenger that protects your sources.",
        license="LicenseRef-Unknown",
    )
    # The Arabic page has its title; its summary was never translated (still English).
    translate(
        resource, Locale.objects.get(language_code="ar"), fields={"title": "مراسلة آمنة للمصادر"}
    )
    arabic_url = ResourcePage.objects.get(
        translation_key=resource.translation_key, locale__language_code="ar"
    ).url
    users = get_user_model()
    users.objects.create_user(username="member_a", password=steps.PASSWORD)
    users.objects.create_user(username="member_b", password=steps.PASSWORD)
    curator, curator_device = make_staff("curator_huda", curator_groups())
    translator, translator_device = make_staff("translator_omar", translator_groups())

    # Member A suggests the licence the publisher states, with the address where it is stated.
    a = open_page(new_context(), base)
    steps.sign_in(a, "ar", "member_a")
    a.goto(base + arabic_url)
    assert_page_language(a, "ar")
    a.get_by_role("link", name=text("ar", "Suggest a correction"), exact=True).click()
    a.wait_for_selector("select[name=license]")
    assert_page_language(a, "ar")
    a.select_option("select[name=license]", "CC-BY-SA-4.0")
    a.fill("input[name=license_evidence]", "https://publisher.example.org/licence")
    a.fill("textarea[name=reason]", "صفحة الناشر تذكر رخصة المشاع الإبداعي")
    screenshot(a, "member-a-suggests")
    press(a, "form.member-form", text("ar", "Send my suggestion"))
    assert_message(a, text("ar", "Thank you! A curator will look at your suggestion."))
    screenshot(a, "member-a-my-suggestions")

    # The curator accepts it in the Arabic admin.
    c = open_page(new_context(), base)
    sign_in_to_admin(c, base, curator, curator_device, SimpleNamespace(take=screenshot))
    c.goto(f"{base}/admin/curation/suggestions/")
    assert_admin_in_arabic(c)
    row = c.locator("tr[data-field=license]")
    assert "CC-BY-SA-4.0" in row.inner_text()  # current and proposed side by side
    screenshot(c, "curator-suggestions-queue")
    c.get_by_role("button", name=text("ar", "Accept"), exact=True).click()
    c.wait_for_selector(".messages .success")
    screenshot(c, "curator-accepted")

    # The resource page now shows the licence.
    a.goto(base + arabic_url)
    assert a.locator("main a[href*='by-sa/4.0']").count() >= 1
    screenshot(a, "licence-shown")

    # Member B proposes the missing Arabic summary; nothing changes for readers yet.
    b = open_page(new_context(), base)
    steps.sign_in(b, "ar", "member_b")
    b.goto(base + arabic_url)
    b.locator(f"a[href='/ar/r/{resource.translation_key}/translate/ar/']").click()
    b.wait_for_selector("textarea[name=summary]")
    assert_page_language(b, "ar")
    b.fill("textarea[name=summary]", ARABIC_SUMMARY)
    screenshot(b, "member-b-translates")
    press(b, "form.member-form", text("ar", "Send my translation"))
    assert_message(
        b,
        text("ar", "Thank you! A translator will review your translation before it is published."),
    )
    b.goto(base + arabic_url)
    assert ARABIC_SUMMARY not in b.locator("main").inner_text()

    # A translator publishes it; readers see it.
    t = open_page(new_context(), base)
    sign_in_to_admin(t, base, translator, translator_device, SimpleNamespace(take=screenshot))
    t.goto(f"{base}/admin/curation/volunteer-translations/")
    assert_admin_in_arabic(t)
    t.locator("tr", has_text=ARABIC_SUMMARY).get_by_role("button", name="نشر", exact=True).click()
    t.wait_for_selector(".messages .success")
    screenshot(t, "translator-published")
    b.goto(base + arabic_url)
    assert ARABIC_SUMMARY in b.locator("main").inner_text()
    screenshot(b, "arabic-summary-live")
