"""Arabic on a phone: no page is wider than a 360-pixel screen, only arrows turn round
right-to-left, and the compact header leaves the first search result on the first screen,
with the menu one tap away (and working without JavaScript)."""

import pytest

from tests.browser.quality_site import build_quality_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_QUERY = "دليل"  # "guide": every resource of the quality site has it in its Arabic title

# Elements wider than the page, or beyond its start or end edge; an element inside a box that
# clips or scrolls its overflow (or one hidden by clipping, 1 pixel square) cannot widen it.
OVERFLOW_SCRIPT = """() => {
    const root = document.scrollingElement;
    const width = root.clientWidth;
    const clipped = (element) => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
    };
    const outside = [];
    for (const element of document.body.querySelectorAll("*")) {
        const rect = element.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) continue;
        if (rect.left < -1 || rect.right > width + 1) {
            if (clipped(element)) continue;
            outside.push(`${element.tagName.toLowerCase()}.${element.className} ` +
                         `[${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
        }
    }
    return {scrollWidth: root.scrollWidth, clientWidth: width, outside: outside.slice(0, 10)};
}"""

ICONS_SCRIPT = """() => [...document.querySelectorAll("svg.icon")].map((icon) => ({
    name: [...icon.classList].find((name) => name.startsWith("icon--") && name !== "icon--directional"),
    directional: icon.classList.contains("icon--directional"),
    transform: getComputedStyle(icon).transform,
}))"""
MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"


@pytest.fixture
def quality_site(live_site, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # database search
    site = build_quality_site()
    site.base = live_site.url
    return site


def new_page(browser_page, width, height, **options):
    context = browser_page.context.browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True, **options
    )
    return context.new_page()


def test_no_arabic_page_is_wider_than_a_360_pixel_phone(quality_site, browser_page):
    page = new_page(browser_page, 360, 740)
    too_wide = {}
    pages = quality_site.public_urls(languages=("ar",))
    for name, url in pages:
        page.goto(f"{quality_site.base}{url}")
        found = page.evaluate(OVERFLOW_SCRIPT)
        if found["scrollWidth"] > found["clientWidth"] or found["outside"]:
            too_wide[f"{name} {url}"] = found
        if page.locator("summary.site-menu__toggle").count() == 0:
            continue  # the embeddable widget has no site header
        # The open menu must fit as well.
        page.click("summary.site-menu__toggle")
        found = page.evaluate(OVERFLOW_SCRIPT)
        if found["scrollWidth"] > found["clientWidth"] or found["outside"]:
            too_wide[f"{name} {url} (menu open)"] = found
    assert len(pages) == len(quality_site.public)
    assert too_wide == {}


def test_only_directional_icons_mirror_in_arabic(quality_site, browser_page):
    page = new_page(browser_page, 390, 844)
    seen = {}
    for code in ("ar", "en"):
        # One result a page: page 1 has the "next" arrow, page 2 "previous"; the resource page
        # has the external-link box.
        for path in (
            f"search/?q={ARABIC_QUERY}&page_size=1&page=1",
            f"search/?q={ARABIC_QUERY}&page_size=1&page=2",
            "library/encryption-handbook/",
        ):
            page.goto(f"{quality_site.base}/{code}/{path}")
            for icon in page.evaluate(ICONS_SCRIPT):
                mirrored = icon["transform"] == MIRRORED
                seen.setdefault((code, icon["name"]), set()).add(mirrored)
                if not mirrored:
                    assert icon["transform"] == "none", icon
    expected = {}
    for code, name in seen:
        directional = name in ("icon--previous", "icon--next")
        expected[(code, name)] = {code == "ar" and directional}
    assert seen == expected
    names = {name for _code, name in seen}
    assert {"icon--previous", "icon--next", "icon--search", "icon--menu", "icon--external"} <= names


def test_phone_header_leaves_the_first_arabic_result_on_the_first_screen(
    quality_site, browser_page
):
    page = new_page(browser_page, 390, 844)
    page.goto(f"{quality_site.base}/ar/search/?q={ARABIC_QUERY}")
    header = page.locator(".site-header").bounding_box()
    first_result = page.locator(".search-result").first.bounding_box()
    print(f"\nheader {header['height']:.0f} px; first result at {first_result['y']:.0f} px")
    assert first_result["y"] < 844
    assert header["height"] <= 80
    # The header search is there without opening anything; the links wait in the menu.
    assert page.locator("#site-search-q").is_visible()
    assert not page.locator(".main-nav").is_visible()


def test_phone_menu_opens_and_its_links_work_without_javascript(quality_site, browser_page):
    page = new_page(browser_page, 390, 844, java_script_enabled=False)
    page.goto(f"{quality_site.base}/ar/")
    menu = page.locator("details.site-menu")
    assert menu.get_attribute("open") is None
    assert not page.locator(".account-links").is_visible()
    page.locator("details.site-menu > summary").click()
    assert menu.get_attribute("open") is not None
    for links in (".main-nav", ".account-links", ".language-switcher"):
        assert page.locator(links).is_visible()
    page.locator(".main-nav a", has_text="المكتبة").click()
    page.wait_for_url("**/ar/library/")
    assert page.locator("h1").inner_text() == "المكتبة"
    page.locator("details.site-menu > summary").click()
    page.locator(".language-switcher a", has_text="English").click()
    page.wait_for_url("**/en/library/")


def test_wide_screens_show_every_header_link_without_a_menu_toggle(quality_site, browser_page):
    page = new_page(browser_page, 1280, 800)
    page.goto(f"{quality_site.base}/ar/")
    assert not page.locator("summary.site-menu__toggle").is_visible()
    for links in (".main-nav", ".account-links", ".language-switcher", "#site-search-q"):
        assert page.locator(links).is_visible()
    # Two rows at most (a signed-in member's English links need the second).
    assert page.locator(".site-header").bounding_box()["height"] <= 120
