"""With JavaScript off (Tor Browser's "Safest" level, locked-down phones) in real Chromium: the
journeys the member journey (test_member_journeys.py, run a second time without JavaScript in
both languages) does not walk.

- The issue's "done when", in Arabic: a member signs in with a code from their authenticator,
  searches from the header, turns the page, narrows with a filter, saves a resource and signs
  out; the back button then shows nothing of their pages, only signed-out ones.
- A training program in both languages: enrol, answer an assessment (right, then wrong), ask a
  question in the discussion.
"""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from programs.models import WeekPage
from tests.programs.conftest import PASSWORD as PROGRAM_PASSWORD
from tests.programs.conftest import build_program, make_member
from users import second_factor

from . import steps
from .steps import assert_message, assert_page_language, path_of, press, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PSEUDONYM = "حارسة_المفاتيح"
COLLECTION = "أدوات الرحلة"


def member_with_authenticator(username):
    member = get_user_model().objects.create_user(username=username, password=steps.PASSWORD)
    device = TOTPDevice.objects.create(user=member, name="default", confirmed=False)
    second_factor.confirm_totp_device(member, device)
    return member


def shows_nothing_of_the_member(page):
    """What the page shows (visible or folded into the phone menu) carries nothing of the
    member: not their name, not their collection, no link to their account, no way out."""
    shown = page.locator("body").inner_text()
    header = page.locator("header.site-header")
    leaks = [word for word in (PSEUDONYM, COLLECTION) if word in shown]
    if header.get_by_role("link", name=text("ar", "My account"), include_hidden=True).count():
        leaks.append("the “My account” link")
    if header.get_by_role("button", name=text("ar", "Sign Out"), include_hidden=True).count():
        leaks.append("the “Sign Out” button")
    return leaks


@pytest.mark.engine
def test_member_signs_in_with_a_code_searches_saves_and_the_back_button_shows_nothing(
    live_site, live_search, chromium_with_back_forward_cache, screenshot
):
    base = live_site.url
    manual, workbook = steps.publish_library()
    member_with_authenticator(PSEUDONYM)
    context = chromium_with_back_forward_cache.new_context(
        viewport={"width": 1280, "height": 900}, locale="ar", java_script_enabled=False
    )
    page = context.new_page()
    outside = steps.record_outside_requests(context, base)

    # Sign in: password, then the code from the authenticator app.
    page.goto(f"{base}/ar/")
    steps.sign_in(page, "ar", PSEUDONYM)
    page.wait_for_url("**/ar/accounts/2fa/authenticate/")
    assert_page_language(page, "ar")
    page.fill("input[name=code]", steps.sign_in_code(PSEUDONYM))
    press(page, "form.account-form", text("ar", "Sign In"))
    page.wait_for_url("**/ar/accounts/me/")
    assert_message(page, text("ar", "Successfully signed in as %(name)s.", name=PSEUDONYM))
    screenshot(page, "signed-in-with-code")

    # Search from the header's box; both resources are found.
    page.fill("#site-search-q", steps.QUERY["ar"])
    press(page, "header.site-header form.site-search", text("ar", "Search"))
    assert path_of(page).startswith("/ar/search/?")
    steps.assert_scripts_ran(page, False)
    titles = page.locator(".search-result__title").all_inner_texts()
    assert sorted(titles) == sorted([manual.title_in("ar"), workbook.title_in("ar")])

    # Turn the page: one result a page, so the two results make two pages.
    page.goto(f"{page.url}&page_size=1")
    first = page.locator(".search-result__title").all_inner_texts()
    with page.expect_navigation():
        page.locator("nav.pagination a[rel=next]").click()
    assert page.locator("nav.pagination [aria-current=page]").inner_text() == "2"
    second = page.locator(".search-result__title").all_inner_texts()
    assert len(first) == len(second) == 1 and sorted(first + second) == sorted(titles)
    screenshot(page, "second-page")

    # Narrow with a filter: the <details> opens and the form posts without scripts.
    advanced = page.locator("details.search-advanced")
    if advanced.get_attribute("open") is None:
        advanced.locator("summary").click()
    page.check("input[name=format][value=manual]")
    press(page, "details.search-advanced", text("ar", "Apply filters"))
    assert "format=manual" in path_of(page)
    assert page.locator(".search-result__title").all_inner_texts() == [manual.title_in("ar")]
    screenshot(page, "filtered")

    # Save the resource to a new collection from its page.
    with page.expect_navigation():
        page.locator(".search-result__title a").click()
    assert path_of(page) == manual.url_in("ar")
    page.fill("#save-new", COLLECTION)
    press(page, "form.save-form", text("ar", "Save"))
    assert_message(page, text("ar", "Saved to “%(collection)s”.", collection=COLLECTION))
    # What the back button must not bring back is on the member's pages now.
    assert shows_nothing_of_the_member(page)
    screenshot(page, "saved")

    # Sign out, then go back through every page of the visit.
    steps.sign_out(page, "ar")
    assert path_of(page).startswith("/ar/accounts/signed-out/")
    assert page.locator("h1").inner_text() == text("ar", "Signed out")
    steps_back = page.evaluate("history.length") - 2  # the first entry is the new tab's blank
    assert steps_back >= 8  # home, sign-in, code, account, search, page 2, filter, resource…
    seen = []
    for _ in range(steps_back):
        # A page restored from the back/forward cache fires no new "load" (Playwright would
        # wait for it forever): wait for the history step, then for the page's last element.
        page.go_back(wait_until="commit")
        page.locator("footer.site-footer").wait_for(state="attached")
        seen.append(path_of(page))
        leaks = shows_nothing_of_the_member(page)
        assert leaks == [], f"back at {path_of(page)}, the page still shows {leaks}"
        assert_page_language(page, "ar")
    screenshot(page, "back-at-the-start")
    # The walk did reach the member's pages' addresses (answered afresh, signed out): the
    # resource they saved and the search they made, not the signed-out page over and over.
    assert manual.url_in("ar") in seen
    assert any(path.startswith("/ar/search/?") for path in seen)
    assert outside == []
    context.close()


CHOICE_LABEL = {"en": "Right", "ar": "صحيح"}
WRONG_LABEL = {"en": "Wrong", "ar": "Wrong"}  # the test's Arabic weeks keep this choice as is
QUESTION = {
    "en": "How do we protect the campaign page?",
    "ar": "كيف أحمي صفحة الحملة؟",
}


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_participant_enrols_answers_and_asks_without_javascript(live_site, new_context, locale):
    base = live_site.url
    program = build_program(weeks=2, arabic=True)
    program = program.get_translation(Locale.objects.get(language_code=locale))
    weeks = list(WeekPage.objects.child_of(program).order_by("path"))
    participant = make_member("participant_quiet")
    context = new_context(390, locale=locale, java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{base}/{locale}/")
    steps.sign_in(page, locale, participant.username, password=PROGRAM_PASSWORD)
    page.goto(f"{base}{program.url}")
    assert_page_language(page, locale)
    page.fill("input[name=pseudonym]", "نسمة" if locale == "ar" else "Nesma")
    press(page, "#enrol", text(locale, "Enrol in this program"))
    assert_message(page, text(locale, "You are enrolled. Week 1 is open: welcome!"))

    # Week 1: a right answer opens week 2.
    page.goto(f"{base}{weeks[0].url}")
    page.check(f"#assessment label:has-text('{CHOICE_LABEL[locale]}') input")
    press(page, "#assessment", text(locale, "Send my answers"))
    assert_message(page, text(locale, "You passed this week. The next week is open."))

    # Week 2: ask in the discussion; the question is there when the page comes back.
    page.goto(f"{base}{weeks[1].url}")
    page.fill("#discussion > form textarea[name=body]", QUESTION[locale])
    with page.expect_navigation():
        page.locator("#discussion > form button[type=submit]").click()
    assert page.locator("#discussion .threads", has_text=QUESTION[locale]).count() == 1

    # A wrong answer says so and keeps the week to try again.
    page.check(f"#assessment label:has-text('{WRONG_LABEL[locale]}') input")
    press(page, "#assessment", text(locale, "Send my answers"))
    assert_message(
        page,
        text(
            locale,
            "Your score is %(score)s%%; the pass mark is %(pass_mark)s%%. You can try again.",
            score=0,
            pass_mark=100,
        ),
    )
    assert page.locator("#assessment button[type=submit]").count() == 1
    context.close()
