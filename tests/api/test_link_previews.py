"""Link previews: Open Graph and Twitter card metadata on public pages, the share images made on
this server (1200×630 PNG, Arabic shaped and right-to-left), and canonical/hreflang addresses
that name the address the site is served on (settings.TASHARUK_SITE_URL)."""

import datetime
import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from PIL import Image, ImageFont
from wagtail.models import PageViewRestriction, Site

from api import link_previews, share_images
from home.models import HomePage
from library.translations import translate
from programs.models import ProgramIndexPage, ProgramPage
from sitebuild.site_structure import ensure_site

pytestmark = pytest.mark.django_db


class HeadMetadata(HTMLParser):
    """<meta property|name=… content=…> and <link rel=… href=…> of a page, read with the
    standard library's HTML parser (what a link-preview crawler reads)."""

    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link":
            self.links.append(attrs)


def metadata(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = HeadMetadata()
    parser.feed(response.content.decode())
    return parser


def one(parsed, key):
    values = parsed.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def canonical(parsed):
    return next(link["href"] for link in parsed.links if link.get("rel") == "canonical")


@pytest.fixture
def program(arabic):
    home = HomePage.objects.get(locale__language_code="en")
    index = home.add_child(instance=ProgramIndexPage(title="Training programs", slug="programs"))
    index.save_revision().publish()
    translate(index, arabic, fields={"title": "البرامج التدريبية"})
    today = datetime.date.today()
    program = index.add_child(
        instance=ProgramPage(
            title="Safer reporting",
            slug="safer-reporting",
            summary="Four weeks of safer reporting.",
            starts_on=today,
            ends_on=today + datetime.timedelta(weeks=4),
        )
    )
    program.save_revision().publish()
    translate(program, arabic, fields={"title": "تقارير أكثر أمانًا", "summary": "أربعة أسابيع"})
    return program


def pages(library, program):
    return [
        ("/en/library/security-1/", "Security guide 1", "article", "en_US"),
        ("/ar/library/security-1/", "دليل الأمان 1", "article", "ar_AR"),
        ("/en/categories/privacy/", "Privacy", "website", "en_US"),
        ("/ar/categories/privacy/", "الخصوصية", "website", "ar_AR"),
        (f"/en/collections/{library['public'].pk}/", "Starter kit", "website", "en_US"),
        (f"/ar/collections/{library['public'].pk}/", "Starter kit", "website", "ar_AR"),
        ("/en/programs/safer-reporting/", "Safer reporting", "website", "en_US"),
        ("/ar/programs/safer-reporting/", "تقارير أكثر أمانًا", "website", "ar_AR"),
    ]


def test_shared_pages_carry_open_graph_and_a_share_image_served_here(client, library, program):
    site = settings.TASHARUK_SITE_URL
    for path, title, og_type, locale in pages(library, program):
        parsed = metadata(client, path)
        assert one(parsed, "og:title") == title, path
        assert one(parsed, "og:type") == og_type
        assert one(parsed, "og:description").strip()
        assert one(parsed, "og:site_name") in ("Tasharuk", "تشارُك")
        assert one(parsed, "og:locale") == locale
        assert set(parsed.meta["og:locale:alternate"]) == {"en_US", "ar_AR"} - {locale}
        assert one(parsed, "og:url") == site + path
        if "/collections/" not in path:
            assert canonical(parsed) == site + path
        assert one(parsed, "twitter:card") == "summary_large_image"
        image = one(parsed, "og:image")
        assert image.startswith(site + path[:4] + "share/") and image.endswith(".png")
        assert (one(parsed, "og:image:width"), one(parsed, "og:image:height")) == ("1200", "630")

        served = client.get(urlsplit(image).path)
        assert served.status_code == 200 and served["Content-Type"] == "image/png"
        picture = Image.open(io.BytesIO(served.content))
        assert picture.format == "PNG" and picture.size == (1200, 630)


def test_other_public_pages_carry_open_graph_too(client, library):
    for path in ["/en/", "/ar/", "/en/search/?q=privacy", "/ar/about/"]:
        parsed = metadata(client, path)
        for key in ("og:title", "og:description", "og:url", "og:locale", "og:site_name"):
            assert one(parsed, key), (path, key)
        assert one(parsed, "og:url").startswith(settings.TASHARUK_SITE_URL + path[:4])
        assert one(parsed, "twitter:card") == "summary"


def test_share_image_is_stored_once_and_follows_the_title(client, library):
    page = library["security"][1]
    first = one(metadata(client, "/en/library/security-1/"), "og:image")
    assert client.get(urlsplit(first).path).status_code == 200
    card = link_previews.page_card(page)
    assert default_storage.exists(card.storage_name)

    page.title = "Security guide, second edition"
    page.save_revision().publish()
    second = one(metadata(client, "/en/library/security-1/"), "og:image")
    assert second != first
    picture = client.get(urlsplit(second).path)
    assert picture.status_code == 200
    assert default_storage.exists(link_previews.page_card(page).storage_name)
    # A preview made before the change still finds the image, now the current one.
    old = client.get(urlsplit(first).path)
    assert old.status_code == 302 and old["Location"] == urlsplit(second).path


def test_share_images_of_hidden_things_are_not_served(client, library, program):
    private = library["private"]
    assert client.get(f"/en/share/collection/{private.pk}/0123456789abcdef.png").status_code == 404
    restricted = library["security"][2]
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/en/share/resource/{restricted.pk}/0123456789abcdef.png").status_code == 404
    # A member allowed to read the restricted page sees no share image in its metadata.
    member = get_user_model().objects.create_user(username="insider", password="a long pass 42")
    client.force_login(member)
    parsed = metadata(client, "/en/library/security-2/")
    assert one(parsed, "og:title") == "Security guide 2"
    assert "og:image" not in parsed.meta and one(parsed, "twitter:card") == "summary"
    client.logout()
    program.unpublish()
    assert client.get(f"/ar/share/program/{program.pk}/0123456789abcdef.png").status_code == 404
    assert client.get("/en/share/anything/1/0123456789abcdef.png").status_code == 404


def _ink_columns(png, top, bottom):
    """x of every column holding title ink (dark pixels) between rows top and bottom."""
    picture = Image.open(io.BytesIO(png)).convert("L")
    band = picture.crop((0, top, picture.width, bottom))
    width, height = band.size
    pixels = band.load()
    return [x for x in range(width) if any(pixels[x, y] < 100 for y in range(height))]


def test_arabic_share_image_is_shaped_and_right_aligned(client, library, arabic):
    parsed = metadata(client, "/ar/library/security-1/")
    png = client.get(urlsplit(one(parsed, "og:image")).path).content
    card = link_previews.page_card(library["security"][1].get_translation(arabic))
    assert card.title == "دليل الأمان 1" and card.rtl
    # What was served is the shaped drawing, and shaping changed it: joined letters in
    # right-to-left order differ from the same letters drawn one by one, left to right.
    assert png == share_images.render(card, ImageFont.Layout.RAQM)
    unshaped = share_images.render(card, ImageFont.Layout.BASIC)
    top, bottom = share_images.TITLE_TOP, share_images.TITLE_TOP + 100
    assert _ink_columns(png, top, bottom) != _ink_columns(unshaped, top, bottom)
    # The short title ends at the right margin and leaves the left half empty.
    columns = _ink_columns(png, top, bottom)
    right_edge = share_images.WIDTH - share_images.MARGIN
    assert right_edge - 12 <= max(columns) <= right_edge + 2
    assert min(columns) > share_images.WIDTH / 2
    # Shaped Arabic joins its letters: fewer separate runs of ink than unjoined letters.
    assert _runs(columns) < _runs(_ink_columns(unshaped, top, bottom))


def _runs(columns):
    return sum(1 for i, x in enumerate(columns) if i == 0 or columns[i - 1] != x - 1)


def test_english_share_image_starts_at_the_left_margin(client, library):
    parsed = metadata(client, "/en/library/security-1/")
    png = client.get(urlsplit(one(parsed, "og:image")).path).content
    columns = _ink_columns(png, share_images.TITLE_TOP, share_images.TITLE_TOP + 100)
    assert share_images.MARGIN - 2 <= min(columns) <= share_images.MARGIN + 12
    assert max(columns) < share_images.WIDTH / 2


def test_canonical_and_hreflang_name_the_configured_address(client, library, settings):
    # `make run` serves http://127.0.0.1:8000, the default of TASHARUK_BASE_URL.
    site_url = settings.TASHARUK_SITE_URL
    parsed = metadata(client, "/en/library/security-0/")
    alternates = {link["hreflang"]: link["href"] for link in parsed.links if link.get("hreflang")}
    assert canonical(parsed) == f"{site_url}/en/library/security-0/"
    assert alternates == {
        "en": f"{site_url}/en/library/security-0/",
        "ar": f"{site_url}/ar/library/security-0/",
    }
    settings.TASHARUK_SITE_URL = "https://library.example.org"
    try:
        ensure_site()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("library.example.org", 443)
        parsed = metadata(client, "/ar/library/security-0/")
        assert canonical(parsed) == "https://library.example.org/ar/library/security-0/"
        assert one(parsed, "og:url") == "https://library.example.org/ar/library/security-0/"
        assert one(parsed, "og:image").startswith("https://library.example.org/ar/share/resource/")
    finally:
        # Wagtail caches the sites' root URLs outside the test's transaction.
        Site.clear_site_root_paths_cache()
