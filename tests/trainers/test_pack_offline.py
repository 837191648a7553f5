"""An offline pack opened in the real Chromium with the network cut: nothing is requested
beyond file://, and every link between the pack's pages resolves."""

import pytest

from .conftest import arabic_resource
from .packs import download_pack, public_collection, unzip

pytestmark = pytest.mark.django_db


@pytest.fixture
def offline_pack(client, signing_key, tmp_path, lang):
    """The pack, downloaded over HTTP and unzipped. Built before the browser starts: with
    Playwright's loop running, the ORM would use a connection outside the test's transaction."""
    from community.models import CollectionItem

    collection, _ = public_collection(resources=3)
    CollectionItem.objects.create(
        collection=collection, translation_key=arabic_resource().translation_key, position=9
    )
    _, data = download_pack(client, lang, "collection", collection.pk)
    folder = tmp_path / "pack"
    for name, content in unzip(data).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pack_opens_offline_and_every_internal_link_resolves(offline_pack, chromium, lang):
    context = chromium.new_context(offline=True)
    attempted = []

    def cut(route):
        attempted.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", cut)
    page = context.new_page()
    page.on("request", lambda request: attempted.append(request.url))
    page.goto((offline_pack / "index.html").as_uri())
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate("document.scripts.length") == 0

    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    internal = [href for href in links if href.startswith("file://")]
    assert len(internal) == 4
    for href in internal:
        response = page.goto(href)
        assert response is not None and response.ok, href
        assert page.locator("h1").inner_text().strip()
        back = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        for target in (h for h in back if h.startswith("file://")):
            assert page.goto(target).ok, target
            page.go_back()
    context.close()

    outside = [url for url in attempted if not url.startswith("file://")]
    assert outside == [], outside
