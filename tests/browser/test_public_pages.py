"""What a reader sees in a real browser: direction, language switch and the viewer."""

import pytest
from wagtail.models import Locale

from library.translations import translate
from tests.factories import ResourcePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_arabic_pages_read_right_to_left_and_load_nothing_from_other_hosts(live_site, browser_page):
    ResourcePageFactory(slug="no-third-party", source_url="https://elsewhere.example.org/")
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    for path in ("/ar/library/", "/en/library/no-third-party/", "/ar/categories/", "/en/"):
        browser_page.goto(f"{live_site.url}{path}")
    assert [url for url in requested if not url.startswith(live_site.url)] == []

    browser_page.goto(f"{live_site.url}/ar/")
    assert browser_page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = browser_page.locator(".site-brand")
    header = browser_page.locator(".site-header").bounding_box()
    # In RTL the brand sits on the right-hand side of the header.
    assert brand.bounding_box()["x"] > header["width"] / 2
    browser_page.click("text=English")
    assert browser_page.url.endswith("/en/")
    assert browser_page.evaluate("document.documentElement.dir") == "ltr"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_resource_frame_loads_only_after_the_click(live_site, chromium, javascript):
    """With JavaScript the frame loads in place; without it the viewer's link brings the page
    back with the frame; either way nothing reaches the source site before the click."""
    browser_page = chromium.new_context(java_script_enabled=javascript).new_page()
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    # Answer the third-party frame locally so the test never leaves the machine.
    browser_page.route(
        "https://framable.example.net/**",
        lambda route: route.fulfill(status=200, body="<p>framed</p>", content_type="text/html"),
    )
    resource = ResourcePageFactory(
        slug="framed-in-browser", framable=True, source_url="https://framable.example.net/guide"
    )
    translate(resource, Locale.objects.get(language_code="ar"), fields={"title": "دليل"})
    browser_page.goto(f"{live_site.url}/ar/library/framed-in-browser/")
    assert browser_page.locator(".viewer iframe").count() == 0
    assert not [url for url in requested if "framable.example.net" in url]
    before = browser_page.url
    browser_page.click("[data-viewer-load]")
    frame = browser_page.locator(".viewer iframe")
    frame.wait_for()
    assert frame.get_attribute("referrerpolicy") == "no-referrer"
    browser_page.wait_for_timeout(300)
    assert [url for url in requested if "framable.example.net" in url]
    if javascript:
        assert browser_page.url == before  # loaded in place, no new page
    else:
        assert browser_page.url.endswith("/ar/library/framed-in-browser/?viewer=show#viewer")
