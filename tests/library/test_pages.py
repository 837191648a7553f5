"""Public pages in both languages: rendering, direction, translation, viewer and 404s."""

import pytest
from bs4 import BeautifulSoup

from library.models import ResourcePage
from library.translations import translate
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["", "library/", "categories/", "categories/privacy/", "about/", "how-to-use/"]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("path", PUBLIC_PATHS)
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_every_page_type_renders_in_both_locales_with_the_right_direction(
    client, path, language, direction
):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == language
    assert html["dir"] == direction


def test_resource_page_renders_in_both_locales(client, arabic):
    resource = ResourcePageFactory(title="Holistic Security", slug="holistic-security")
    translate(resource, arabic, fields={"title": "الأمن الشامل", "summary": "دليل استراتيجي"})
    english_page = soup(client.get("/en/library/holistic-security/"))
    arabic_page = soup(client.get("/ar/library/holistic-security/"))
    assert english_page.h1.text == "Holistic Security"
    assert arabic_page.h1.text == "الأمن الشامل"
    assert arabic_page.html["dir"] == "rtl"


def test_resource_translated_with_localize_shows_arabic_title_under_ar(client, arabic):
    resource = ResourcePageFactory(title="Security in a Box", slug="security-in-a-box")
    translated = translate(
        resource, arabic, fields={"title": "عدة الأمان", "summary": "أدوات وتكتيكات للأمن الرقمي"}
    )
    assert translated.live
    # The translation is wagtail-localize's, so translators can keep editing it in the admin.
    from wagtail_localize.models import Translation

    assert Translation.objects.filter(
        source__object_id=resource.translation_key, target_locale=arabic
    ).exists()
    page = soup(client.get("/ar/library/security-in-a-box/"))
    assert page.h1.text == "عدة الأمان"
    assert "أدوات وتكتيكات للأمن الرقمي" in page.text


def test_resource_page_shows_translated_metadata_labels(client, arabic):
    resource = ResourcePageFactory(
        slug="labels", languages=["ar", "fr"], regions=["lb", "mena"], license="CC-BY-SA-4.0"
    )
    translate(resource, arabic, fields={"title": "عنوان"})
    text = soup(client.get("/ar/library/labels/")).text
    assert "لبنان" in text
    assert "الفرنسية" in text
    english = soup(client.get("/en/library/labels/"))
    licence_link = english.find("a", rel="license")
    assert licence_link["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert "Attribution-ShareAlike 4.0 International" in licence_link.text
    assert "Lebanon" in english.text and "French" in english.text


def test_non_framable_resource_gets_a_link_out_card_and_no_frame(client):
    ResourcePageFactory(slug="no-frame", framable=False, source_url="https://www.eff.org/x")
    page = soup(client.get("/en/library/no-frame/"))
    assert page.select_one(".link-out-card a")["href"] == "https://www.eff.org/x"
    assert page.find("iframe") is None
    assert page.find("template", attrs={"data-viewer-template": True}) is None


def test_framable_resource_loads_its_frame_only_on_click_and_sandboxed(client):
    ResourcePageFactory(slug="framed", framable=True, source_url="https://small.example.net/")
    page = soup(client.get("/en/library/framed/"))
    assert "small.example.net" in page.select_one(".viewer__attribution").text
    # The iframe only exists inside an inert <template> until the reader clicks.
    assert page.select_one(".viewer iframe") is None
    template = page.find("template", attrs={"data-viewer-template": True})
    frame = BeautifulSoup(template.decode_contents(), "html.parser").iframe
    assert frame["src"] == "https://small.example.net/"
    assert "allow-same-origin" not in frame["sandbox"]
    assert frame["referrerpolicy"] == "no-referrer"
    assert page.select_one(".link-out-card") is None


def test_viewer_link_brings_the_frame_without_javascript(client):
    ResourcePageFactory(slug="framed", framable=True, source_url="https://small.example.net/")
    page = soup(client.get("/en/library/framed/"))
    link = page.select_one("a[data-viewer-load]")
    assert link["href"] == "?viewer=show#viewer"  # the click works as a plain link
    asked = soup(client.get("/en/library/framed/" + link["href"].split("#")[0]))
    frame = asked.select_one("#viewer iframe")
    assert frame["src"] == "https://small.example.net/"
    assert "allow-same-origin" not in frame["sandbox"]
    assert frame["referrerpolicy"] == "no-referrer"
    assert asked.select_one("a[data-viewer-load]") is None


def test_viewer_link_never_frames_a_resource_that_refuses_framing(client):
    ResourcePageFactory(slug="no-frame", framable=False, source_url="https://www.eff.org/x")
    page = soup(client.get("/en/library/no-frame/?viewer=show"))
    assert page.find("iframe") is None
    assert page.select_one(".link-out-card a")["href"] == "https://www.eff.org/x"


def test_root_redirects_by_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar").url == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").url == "/en/"


def test_language_switcher_lands_on_the_same_pages_translation(client, arabic):
    resource = ResourcePageFactory(slug="switch")
    translate(resource, arabic, fields={"title": "تبديل"})
    links = soup(client.get("/en/library/switch/")).select(".language-switcher a")
    assert [a["href"] for a in links] == ["/ar/library/switch/"]


def test_language_switcher_falls_back_to_the_locale_home(client):
    ResourcePageFactory(slug="english-only")
    links = soup(client.get("/en/library/english-only/")).select(".language-switcher a")
    assert [a["href"] for a in links] == ["/ar/"]


def test_page_missing_in_a_locale_gives_a_translated_404(client):
    ResourcePageFactory(slug="english-only-2")
    response = client.get("/ar/library/english-only-2/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["dir"] == "rtl"
    assert "الصفحة غير موجودة" in page.h1.text


def test_library_index_paginates_and_orders_by_title(client):
    for n in range(25):
        ResourcePageFactory(title=f"Zeta {n:02d}")
    ResourcePageFactory(title="Alpha first")
    first_page = soup(client.get("/en/library/?sort=title"))
    titles = [a.text for a in first_page.select(".resource-card__title a")]
    assert titles[0] == "Alpha first"
    assert len(titles) == 20
    second_page = soup(client.get("/en/library/?sort=title&page=2"))
    assert (
        len(second_page.select(".resource-card"))
        == ResourcePage.objects.live().filter(locale__language_code="en").count() - 20
    )
    assert client.get("/en/library/?page=junk").status_code == 200


def test_category_page_lists_its_resources(client, english):
    from library.models import CategoryPage

    privacy = CategoryPage.objects.get(locale=english, slug="privacy")
    resource = ResourcePageFactory(title="Privacy basics")
    resource.categories.set([privacy])
    resource.save_revision().publish()
    ResourcePageFactory(title="Unrelated")
    titles = [
        a.text for a in soup(client.get("/en/categories/privacy/")).select(".resource-card a")
    ]
    assert titles == ["Privacy basics"]


def test_an_igo_licence_links_to_its_own_deed_in_both_languages(client, arabic):
    """UNESCO publishes under the IGO port of CC BY-SA: the page names that licence, not the
    unported one, and the Arabic page says it in Arabic."""
    resource = ResourcePageFactory(slug="unesco-handbook", license="CC-BY-SA-3.0-IGO")
    translate(resource, arabic, fields={"title": "دليل"})
    english = soup(client.get("/en/library/unesco-handbook/")).find("a", rel="license")
    assert english["href"] == "https://creativecommons.org/licenses/by-sa/3.0/igo/"
    assert "Attribution-ShareAlike 3.0 IGO" in english.text
    arabic_link = soup(client.get("/ar/library/unesco-handbook/")).find("a", rel="license")
    assert "للمنظمات الحكومية الدولية" in arabic_link.text
