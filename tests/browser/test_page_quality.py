"""Every page a reader or member meets, in both languages, as checkers from outside see it:
axe-core finds no accessibility violation, the Nu HTML Checker no error, Lighthouse scores
accessibility and SEO 100; a keyboard alone searches and submits; focus is visible; form
errors are announced."""

import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser import browser_tools
from tests.browser.quality_site import PASSWORD, build_quality_site
from users.models import BackupCodeDevice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quality_site(live_site, settings):
    # The database search answers here (facets and "did you mean" included): these tests check
    # pages, the engine's own tests check the engine.
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    site = build_quality_site()
    site.base = live_site.url
    return site


def sign_in(page, base, member):
    """Sign `member` in through the form, as a person does (so pages asking for a recent
    sign-in, like two-factor setup and account deletion, open straight away)."""
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", member.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def visit(page, url):
    """Open `url`; return the HTML the server sent (what the HTML checker must judge)."""
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    return response.text()


def test_every_page_kind_passes_axe_and_the_html_checker_in_both_languages(
    quality_site, browser_page, tmp_path
):
    browser_tools.require(browser_tools.AXE, browser_tools.VNU, "java")
    context = browser_page.context.browser.new_context(bypass_csp=True)  # to inject axe
    page = context.new_page()
    base = quality_site.base
    documents, violations = {}, {}
    started = time.monotonic()

    def check(name, url, html=None):
        html = html if html is not None else visit(page, f"{base}{url}")
        documents[f"{name} {url}"] = html
        found = browser_tools.axe_violations(page)
        if found:
            violations[f"{name} {url}"] = found

    for name, url in quality_site.public_urls():
        check(name, url)
    sign_in(page, base, quality_site.member)
    for name, url in quality_site.member_urls():
        html = visit(page, f"{base}{url}")
        if "/reauthenticate/" in page.url:  # two-factor setup and deletion ask again
            check(f"re-authentication before {name}", url, html)
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation() as navigation:
                page.click("main button[type=submit]")
            html = navigation.value.text()
        assert page.url == f"{base}{url}", f"{name}: {url} led to {page.url}"
        check(name, url, html)
    # Forms that come back with errors: the summary and the fields' descriptions must hold up.
    for code in ("en", "ar"):
        visit(page, f"{base}/{code}/submit/")
        with page.expect_navigation() as navigation:
            page.click("main form button[type=submit]:not([name=fetch])")
        check("submit form with errors", f"/{code}/submit/ (sent empty)", navigation.value.text())
    # Two-factor setup, confirmed with a real code, shows the backup codes (a POST answer).
    for code in ("en", "ar"):
        TOTPDevice.objects.filter(user=quality_site.member).delete()
        BackupCodeDevice.objects.filter(user=quality_site.member).delete()
        visit(page, f"{base}/{code}/accounts/2fa/setup/")
        assert "/reauthenticate/" not in page.url
        device = TOTPDevice.objects.get(user=quality_site.member, confirmed=False)
        page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").first.click()
        check("backup codes", f"/{code}/accounts/2fa/setup/ (confirmed)", navigation.value.text())
    axe_seconds = time.monotonic() - started
    print(f"\naxe: {len(documents)} pages in {axe_seconds:.1f} s")
    for where, found in violations.items():
        print(where, *found, sep="\n    ")

    started = time.monotonic()
    errors = browser_tools.html_errors(documents, tmp_path)
    vnu_seconds = time.monotonic() - started
    print(f"\n{len(documents)} pages: axe {axe_seconds:.1f} s, HTML checker {vnu_seconds:.1f} s")
    for where, found in errors.items():
        print(where, *found, sep="\n    ")
    assert violations == {}
    assert errors == {}


def test_lighthouse_scores_accessibility_and_seo_100_on_every_public_page_kind(quality_site):
    browser_tools.require(browser_tools.LIGHTHOUSE, "node")
    urls = [f"{quality_site.base}{url}" for _name, url in quality_site.public_urls()]
    started = time.monotonic()
    reports = browser_tools.lighthouse(urls)
    print(f"\nLighthouse: {len(reports)} pages in {time.monotonic() - started:.1f} s")
    assert [report["url"] for report in reports] == urls
    below = {
        report["url"]: {"scores": report["scores"], "failing": report["failing"]}
        for report in reports
        if report["scores"] != {"accessibility": 100, "seo": 100}
    }
    assert below == {}


def tab_to(page, selector, limit=300):
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_alone_searches_opens_a_result_and_submits_a_resource(quality_site, browser_page):
    page, base = browser_page, quality_site.base
    page.goto(f"{base}/en/")
    tab_to(page, "#site-search-q", limit=5)
    page.keyboard.type("encryption")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=encryption")
    tab_to(page, ".search-result__title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/library/encryption-handbook/")

    sign_in(page, base, quality_site.member)
    page.goto(f"{base}/en/submit/")
    tab_to(page, "#id_url")
    # .invalid never resolves: the background look-up fails at once, the form stays usable.
    page.keyboard.type("https://guides.invalid/keyboard-only")
    tab_to(page, "#id_title_en")
    page.keyboard.type("Working without a mouse")
    tab_to(page, "main form button[type=submit]:not([name=fetch])")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/my/submissions/")
    assert "Working without a mouse" in page.locator("main").inner_text()


FOCUS_STYLE = """() => {
    const style = getComputedStyle(document.activeElement);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(" ");
}"""
UNFOCUSED_STYLE = """(selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(" ");
}"""


def test_keyboard_focus_is_visible_on_links_fields_buttons_and_the_menu(quality_site, browser_page):
    page = browser_page
    for code in ("en", "ar"):
        page.goto(f"{quality_site.base}/{code}/search/?q=guide")
        checked = []
        for selector in (
            ".site-brand",
            "#site-search-q",
            ".site-search button",
            ".main-nav a",
            "#search-q",
            ".search-advanced summary",
            ".search-result__title a",
        ):
            page.mouse.click(1, 1)  # nothing focused
            unfocused = page.evaluate(UNFOCUSED_STYLE, selector)
            tab_to(page, selector)
            focused = page.evaluate(FOCUS_STYLE)
            assert page.evaluate("document.activeElement.matches(':focus-visible')")
            assert focused != unfocused, selector
            assert "none" not in focused.split()[0], (selector, focused)
            checked.append(selector)
        assert len(checked) == 7


def test_form_errors_are_tied_to_their_fields_and_announced(quality_site, browser_page):
    page, base = browser_page, quality_site.base
    for code in ("en", "ar"):
        # Sign in with a wrong password: the form-wide error comes back in an alert.
        page.goto(f"{base}/{code}/accounts/login/")
        page.fill("input[name=login]", quality_site.member.username)
        page.fill("input[name=password]", "not the password")
        page.click("main form button[type=submit]")
        summary = page.locator("[role=alert].error-summary")
        assert summary.count() == 1
        assert summary.inner_text().strip()

    sign_in(page, base, quality_site.member)
    for code in ("en", "ar"):
        # A submission with nothing in it: each field says what is wrong, the summary links to it.
        page.goto(f"{base}/{code}/submit/")
        page.click("main form button[type=submit]:not([name=fetch])")
        invalid = page.locator("main form [aria-invalid=true]")
        assert invalid.count() >= 1
        for number in range(invalid.count()):
            field = invalid.nth(number)
            described = (field.get_attribute("aria-describedby") or "").split()
            assert described, field.evaluate("f => f.outerHTML")
            texts = [page.locator(f"[id='{name}']").inner_text() for name in described]
            assert any(text.strip() for text in texts)
            field_id = field.get_attribute("id")
            assert page.locator(f".error-summary a[href='#{field_id}']").count() == 1
        assert page.locator("[role=alert].error-summary").count() == 1
