"""A member follows a learning path in Arabic in the real Chromium, without JavaScript: signs
in from the path, ticks steps, and sees the count and the right-to-left progress bar move; the
English path shows the same progress."""

import pytest

from .conftest import PASSWORD, build_path, in_language, make_member


@pytest.fixture
def arabic_path(live_site):
    """Made before the browser starts (the live server shares the test's database)."""
    path, _ = build_path()
    return in_language(path, "ar"), path, make_member()


def test_a_member_ticks_steps_of_an_arabic_path(arabic_path, live_site, chromium):
    path, english, member = arabic_path
    base = live_site.url
    page = chromium.new_context(java_script_enabled=False).new_page()
    page.goto(f"{base}{path.url}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="سجّل الدخول لتأشير الخطوات التي أنجزتها.").click()
    form = page.locator("form.account-form")
    form.locator("input[name=login]").fill(member.username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").last.click()
    page.wait_for_url(f"{base}{path.url}")

    buttons = page.get_by_role("button", name="تأشير كمنجزة")
    assert buttons.count() == 3
    buttons.first.click()
    page.wait_for_load_state()
    assert "أنجزت 1 من 3 خطوات" in page.locator(".path-progress__count").inner_text()
    page.get_by_role("button", name="تأشير كمنجزة").first.click()
    page.wait_for_load_state()
    assert "أنجزت 2 من 3 خطوات" in page.locator(".path-progress__count").inner_text()
    bar = page.locator("progress.path-progress__bar")
    assert bar.get_attribute("value") == "2" and bar.get_attribute("max") == "3"
    assert page.locator(".path-step--done").count() == 2

    # The bar fills from the right in Arabic: its box ends at the page's right-hand side.
    box = bar.bounding_box()
    main = page.locator("main").bounding_box()
    assert abs((box["x"] + box["width"]) - (main["x"] + main["width"])) < 80

    page.goto(f"{base}{english.url}")
    assert "2 of 3 steps done" in page.locator(".path-progress__count").inner_text()
