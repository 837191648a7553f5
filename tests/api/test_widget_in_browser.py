"""The embed code in a real Chromium: a blogger's page on another origin shows the widget,
while an ordinary Tasharuk page in an iframe is refused; the API docs render from local files."""

import functools
import http.server
import threading

import pytest
from wagtail.models import Locale

from library.models import CategoryPage
from library.translations import translate
from tests.factories import ResourcePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def other_origin(tmp_path):
    """A plain static web server on another port: the blogger's own site."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def security_resources(count):
    arabic = Locale.objects.get(language_code="ar")
    category = CategoryPage.objects.get(slug="digital-security", locale__language_code="en")
    for n in range(count):
        page = ResourcePageFactory(title=f"Security guide {n}", slug=f"security-{n}")
        page.categories.set([category])
        page.save_revision().publish()
        translate(page, arabic, fields={"title": f"دليل الأمان رقم {n}"})


def test_blogger_embeds_five_arabic_digital_security_resources(
    live_site, browser_page, other_origin
):
    security_resources(6)
    folder, origin = other_origin

    # The blogger picks "digital security, Arabic, 5 items" in the builder and copies the code.
    browser_page.goto(f"{live_site.url}/en/embed/")
    browser_page.check('input[name="source"][value="category"]')
    browser_page.select_option("#embed-category", "digital-security")
    browser_page.check('input[name="language"][value="ar"]')
    browser_page.fill("#embed-count", "5")
    browser_page.dispatch_event("#embed-count", "change")
    preview = browser_page.frame_locator("iframe.embed-preview")
    preview.locator(".widget__link").nth(4).wait_for()
    assert preview.locator(".widget__link").count() == 5
    code = browser_page.input_value("#embed-code")
    assert "/ar/embed/widget/?category=digital-security&count=5" in code

    ordinary = f'<iframe id="ordinary" src="{live_site.url}/ar/" width="600" height="300"></iframe>'
    (folder / "blog.html").write_text(
        f"<!DOCTYPE html><html><body><h1>My blog</h1>{code}{ordinary}</body></html>",
        encoding="utf-8",
    )
    browser_page.goto(f"{origin}/blog.html")
    widget = browser_page.frame_locator("iframe[src*='/embed/widget/']")
    links = widget.locator(".widget__link")
    links.nth(4).wait_for()
    assert links.count() == 5
    assert all(text.startswith("دليل الأمان رقم") for text in links.all_inner_texts())
    assert widget.locator("html").get_attribute("dir") == "rtl"
    assert widget.locator("body").evaluate("b => getComputedStyle(b).direction") == "rtl"
    assert links.first.get_attribute("target") == "_blank"

    # The ordinary page refuses to be framed: its frame never shows the site header.
    browser_page.wait_for_timeout(1000)
    framed_headers = [
        frame.locator(".site-header").count()
        for frame in browser_page.frames
        if frame is not browser_page.main_frame
    ]
    assert framed_headers and sum(framed_headers) == 0


def test_api_docs_render_from_local_files(live_site, browser_page):
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    violations = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text
            else None
        ),
    )
    browser_page.goto(f"{live_site.url}/api/v1/docs/")
    browser_page.locator(".opblock-summary-path").first.wait_for()
    paths = browser_page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/search/" in path for path in paths)
    assert [url for url in requested if not url.startswith(live_site.url)] == []
    assert violations == []
