"""A member's whole journey in real Chromium, in Arabic and in English, on a phone-sized and a
desktop-sized screen: sign up under a pseudonym, search with the advanced filters (the real
engine), submit a resource, start a collection and share it by short link, rate and comment,
turn on two-factor authentication and sign in again with a code, send feedback, and switch
language on the same page. Every step is photographed to .build/screenshots/<test>/.

The journey runs a second time with JavaScript off (Tor Browser's "Safest" level, locked-down
phones), once per language: every step must work from the plain HTML forms and links."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from community import fetcher
from library.models import CategoryPage

from . import steps
from .steps import assert_message, assert_page_language, header_link, path_of, press, text

pytestmark = [pytest.mark.browser, pytest.mark.engine, pytest.mark.django_db(transaction=True)]

OTHER = {"en": "ar", "ar": "en"}
LANGUAGE_NAME = {"en": "English", "ar": "العربية"}
PSEUDONYM = {"en": "quiet_reader", "ar": "قارئة_هادئة"}
COMMENT = {
    "en": "Chapter three helped our newsroom plan its trips.",
    "ar": "ساعدنا الفصل الثالث في التخطيط لرحلات الفريق.",
}
SUBMISSION = {
    "en": "Safer campaign pages for small newsrooms",
    "ar": "صفحات حملات أكثر أمانًا لغرف الأخبار الصغيرة",
}
COLLECTION = {"en": "Travel kit", "ar": "حقيبة السفر"}
FEEDBACK = {
    "en": "The filters made it easy to find Arabic manuals.",
    "ar": "سهّلت المرشحات العثور على الأدلة العربية.",
}


@pytest.fixture
def no_outside_fetch(monkeypatch):
    """The submit form fetches the page's details from its site, which is outside this
    machine: here that site cannot be reached, and the member fills the form in by hand."""

    def unreachable(url, **options):
        raise fetcher.FetchFailed("The site could not be reached.")

    monkeypatch.setattr(fetcher, "fetch_details", unreachable)


# (locale, screen width, JavaScript on): each language on both screens with JavaScript, and
# once more with it off, Arabic on a phone and English on a desktop, so both languages, both
# layouts and both kinds of header menu are walked without scripts.
JOURNEYS = [
    pytest.param("ar", 390, True, id="ar-phone"),
    pytest.param("ar", 1280, True, id="ar-desktop"),
    pytest.param("en", 390, True, id="en-phone"),
    pytest.param("en", 1280, True, id="en-desktop"),
    pytest.param("ar", 390, False, id="ar-phone-no-javascript"),
    pytest.param("en", 1280, False, id="en-desktop-no-javascript"),
]


@pytest.mark.parametrize(("locale", "width", "javascript"), JOURNEYS)
def test_member_journey(
    live_site, live_search, new_context, screenshot, no_outside_fetch, locale, width, javascript
):
    base = live_site.url
    manual, workbook = steps.publish_library()
    other = OTHER[locale]
    context = new_context(width, locale=locale, java_script_enabled=javascript)
    page = context.new_page()
    outside = steps.record_outside_requests(context, base)
    script_errors = steps.record_script_errors(context)

    # 1. Sign up under a pseudonym: no real name, no e-mail address.
    steps.sign_up(page, base, locale, PSEUDONYM[locale])
    assert_page_language(page, locale)
    signed_in = text(locale, "Successfully signed in as %(name)s.", name=PSEUDONYM[locale])
    assert_message(page, signed_in)
    header = page.locator("header.site-header")
    assert header.get_by_role(
        "link", name=text(locale, "My account"), exact=True, include_hidden=True
    ).count()
    assert PSEUDONYM[locale] in page.locator("main").inner_text()
    screenshot(page, "signed-up")

    # 2. Search, then narrow down with the advanced filters of the search page's form.
    page.goto(f"{base}/{locale}/search/")
    page.fill("#search-q", steps.QUERY[locale])
    press(page, "form.search-form .search-form__box", text(locale, "Search"))
    assert page.locator(".search-notice").count() == 0  # the engine answered, not the fallback
    steps.assert_scripts_ran(page, javascript)
    titles = page.locator(".search-result__title").all_inner_texts()
    assert sorted(titles) == sorted([manual.title_in(locale), workbook.title_in(locale)])
    screenshot(page, "search-results")
    advanced = page.locator("details.search-advanced")
    if advanced.get_attribute("open") is None:
        advanced.locator("summary").click()
    chosen = []
    for facet, value in (
        ("category", "digital-security"),
        ("format", "manual"),
        ("language", "ar"),
    ):
        option = page.locator(f"input[name={facet}][value={value}]")
        option.check()
        label = option.locator("xpath=..").locator(".search-facet__label").inner_text()
        chosen.append(label.strip())
    assert chosen[0] == manual.category_title_in(locale)
    press(page, "details.search-advanced", text(locale, "Apply filters"))
    assert page.locator(".search-result__title").all_inner_texts() == [manual.title_in(locale)]
    assert page.locator(".search-summary [role=status]").inner_text() == steps.plural(
        locale, "%(counter)s resource found", "%(counter)s resources found", 1
    )
    chips = page.locator(".search-chip").all_inner_texts()
    for label in chosen:
        assert any(label in chip for chip in chips), (label, chips)
    screenshot(page, "search-filtered")

    # 3. Submit a resource: it goes to the curators, and "My submissions" lists it.
    header_link(page, text(locale, "Submit"))
    form = page.locator("form[data-submit-form]")
    form.locator("input[name=url]").fill("https://newsroom.example.org/campaign-pages")
    if not javascript:
        # No background look-up without scripts: "Fetch details" asks for it, and the page
        # comes back with the address kept (here the site cannot be reached: fill in by hand).
        press(page, "form[data-submit-form]", text(locale, "Fetch details"))
        fill_in = text(locale, "Please fill in the details yourself.")
        assert page.locator("[role=alert]", has_text=fill_in).count() == 1
        assert form.locator("input[name=url]").input_value() == (
            "https://newsroom.example.org/campaign-pages"
        )
    form.locator(f"input[name=title_{locale}]").fill(SUBMISSION[locale])
    form.locator("input[name=categories][value]").first.check()
    form.locator("select[name=media_format]").select_option("guide")
    press(page, "form[data-submit-form]", text(locale, "Send to the curators"))
    page.wait_for_url("**/my/submissions/")
    assert_message(
        page, text(locale, "Thank you! Your submission is waiting for a curator’s review.")
    )
    assert SUBMISSION[locale] in page.locator("main").inner_text()
    screenshot(page, "submitted")

    # 4. Start a collection from a resource page, make it public and see it list the resource.
    page.goto(f"{base}{manual.url_in(locale)}")
    assert_page_language(page, locale)
    page.fill("#save-new", COLLECTION[locale])
    press(page, "form.save-form", text(locale, "Save"))
    assert_message(page, text(locale, "Saved to “%(collection)s”.", collection=COLLECTION[locale]))
    header_link(page, text(locale, "My library"))
    with page.expect_navigation():
        page.locator("main .collection-list").get_by_role("link", name=COLLECTION[locale]).click()
    with page.expect_navigation():
        page.get_by_role("link", name=text(locale, "Edit collection"), exact=True).click()
    page.check("input[name=is_public]")
    press(page, "form.member-form", text(locale, "Save"))
    assert_message(page, text(locale, "Collection saved."))
    collection_path = path_of(page)
    assert collection_path.startswith(f"/{locale}/collections/")
    assert page.locator(".collection-item__title").all_inner_texts() == [manual.title_in(locale)]
    screenshot(page, "collection")

    # 5. Share it by its short link: a signed-out reader lands on the collection.
    short_url = page.locator(
        "section[aria-labelledby=share-heading] [data-share-link]"
    ).input_value()
    assert "/s/" in short_url
    reader_context = new_context(width, locale=locale)
    reader = reader_context.new_page()
    reader_outside = steps.record_outside_requests(reader_context, base)
    reader.goto(short_url)
    reader.wait_for_url(f"**{collection_path}")
    assert reader.locator("h1").inner_text() == COLLECTION[locale]
    assert reader.locator(".collection-item__title").all_inner_texts() == [manual.title_in(locale)]
    assert_page_language(reader, locale)
    assert "sessionid" not in {cookie["name"] for cookie in reader_context.cookies()}
    screenshot(reader, "short-link-signed-out")
    reader_context.close()
    assert reader_outside == []

    # 6. Rate and comment: the rating counts, the comment shows (awaiting review: first one).
    page.goto(f"{base}{manual.url_in(locale)}")
    page.check("form.rate-form input[name=stars][value='4']")
    press(page, "form.rate-form", text(locale, "Rate"))
    assert_message(page, text(locale, "Thank you for rating this resource."))
    with translation.override(locale):
        average = floatformat(4.0, 1)
    summary = steps.plural(
        locale,
        "%(average)s out of 5 from %(count)s rating",
        "%(average)s out of 5 from %(count)s ratings",
        1,
        average=average,
    )
    assert page.locator("section[aria-labelledby=rating-heading] > p").first.inner_text() == summary
    page.fill("#comment-body", COMMENT[locale])
    press(page, "form.comment-form", text(locale, "Post comment"))
    assert_message(
        page,
        text(
            locale,
            "Thank you. New members’ first comments are read by a curator before they appear.",
        ),
    )
    comment = page.locator(".comments .comment", has_text=COMMENT[locale])
    assert comment.count() == 1
    assert PSEUDONYM[locale] in comment.inner_text()
    assert text(locale, "Waiting for a curator’s review") in comment.inner_text()
    screenshot(page, "rated-and-commented")

    # 7. Two-factor authentication: turn it on, sign out, sign in with password and code.
    header_link(page, text(locale, "My account"))
    with page.expect_navigation():
        page.locator("main").get_by_role(
            "link", name=text(locale, "Turn on two-factor authentication")
        ).click()
    steps.confirm_password_if_asked(page, locale)
    manual_key = page.locator(".manual-key").inner_text()
    page.fill("input[name=code]", steps.authenticator_code(manual_key))
    press(page, "form.account-form", text(locale, "Turn on two-factor authentication"))
    assert_message(page, text(locale, "Two-factor authentication is on."))
    screenshot(page, "two-factor-on")
    steps.sign_out(page, locale)
    assert_message(page, text(locale, "You have signed out."))
    assert header.get_by_role(
        "link", name=text(locale, "Sign In"), exact=True, include_hidden=True
    ).count()
    steps.sign_in(page, locale, PSEUDONYM[locale])
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_page_language(page, locale)
    screenshot(page, "asked-for-code")
    page.fill("input[name=code]", steps.next_sign_in_code(manual_key, PSEUDONYM[locale]))
    press(page, "form.account-form", text(locale, "Sign In"))
    page.wait_for_url(f"**/{locale}/accounts/me/")
    assert_message(page, signed_in)
    assert (
        text(
            locale,
            "On. Every sign-in and password reset asks for a code from your authenticator app or a backup code.",
        )
        in page.locator("main").inner_text()
    )
    screenshot(page, "signed-in-with-code")

    # 8. Feedback, from the header's tab.
    page.goto(f"{base}{manual.url_in(locale)}")
    header_link(page, text(locale, "Feedback"))
    page.fill("textarea[name=message]", FEEDBACK[locale])
    press(page, "form.member-form", text(locale, "Send feedback"))
    assert_message(page, text(locale, "Thank you for your feedback. Curators read every message."))
    screenshot(page, "feedback-sent")

    # 9. The language switch keeps the reader on the same page in the other language.
    page.goto(f"{base}{manual.url_in(locale)}")
    header_link(page, LANGUAGE_NAME[other])
    assert path_of(page) == manual.url_in(other)
    assert_page_language(page, other)
    assert page.locator("h1").inner_text() == manual.title_in(other)
    screenshot(page, "resource-other-language")

    category = CategoryPage.objects.get(slug="digital-security", locale__language_code=locale)
    page.goto(f"{base}{category.url}")
    header_link(page, LANGUAGE_NAME[other])
    assert path_of(page) == steps.translation_of(category, other).url
    assert_page_language(page, other)
    screenshot(page, "category-other-language")

    page.goto(f"{base}/{locale}/search/?q={steps.QUERY[locale]}&format=manual")
    header_link(page, LANGUAGE_NAME[other])
    assert page.locator("#search-q").input_value() == steps.QUERY[locale]
    assert path_of(page).startswith(f"/{other}/search/?")
    assert "format=manual" in path_of(page)
    assert_page_language(page, other)
    assert page.locator(".search-result__title").all_inner_texts() == [manual.title_in(other)]
    screenshot(page, "search-other-language")

    assert outside == []
    assert script_errors == []
    context.close()
