"""The skeleton every Tasharuk site needs, in both languages: locales, one home page per locale,
the library and category indexes, the usage guide, the about and privacy pages and the footer text.

`ensure_site()` is idempotent: it creates what is missing and leaves curators' edits alone.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import FooterText, GuidePage, HomePage, StandardPage
from library.categories import CATEGORIES as CATEGORY_LIST
from library.models import CategoryIndexPage, CategoryPage, LibraryIndexPage
from library.translations import translate

from .site_texts import (
    ABOUT,
    ABOUT_TERMS_LINK,
    CATEGORIES,
    FOOTER,
    GUIDE,
    HOME,
    LIBRARY,
    PRIVACY,
    TERMS,
)


def ensure_locales():
    """Both site languages exist as Wagtail locales; returns (default, arabic)."""
    locales = [
        Locale.objects.get_or_create(language_code=code)[0] for code, _n in settings.LANGUAGES
    ]
    return locales[0], locales[1]


def ensure_site():
    """Build whatever part of the bilingual skeleton is missing; return the default HomePage."""
    english, arabic = ensure_locales()
    home = _ensure_home(english)
    _translate_simple(home, arabic, HOME)
    for model, spec in ((LibraryIndexPage, LIBRARY), (CategoryIndexPage, CATEGORIES)):
        page = _ensure_child(home, model, spec, intro=spec["intro"][0])
        _translate_simple(page, arabic, spec)
        if model is CategoryIndexPage:
            _ensure_categories(page, arabic)
    terms = _ensure_standard_page(home, arabic, TERMS)
    about = {**ABOUT, "body": [*ABOUT["body"], *_terms_paragraph(terms)]}
    for spec in (about, PRIVACY):
        _ensure_standard_page(home, arabic, spec)
    _ensure_guide(home, arabic)
    _ensure_footer(english, arabic)
    return home


def _ensure_home(english):
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Wagtail's first migration leaves a "Welcome" placeholder where the home page goes.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            if not placeholder.get_children().exists():
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=english)
        )
        home = root.add_child(
            instance=HomePage(
                title=HOME["title"][0], slug="home", intro=HOME["intro"][0], locale=english
            )
        )
        home.save_revision().publish()
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Tasharuk",
        )
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        # Wagtail builds canonical and hreflang URLs from this record: it follows the setting,
        # so they name the address the site is actually served on.
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save()
    return home


def site_address():
    """(hostname, port) of settings.TASHARUK_SITE_URL, the port defaulting by scheme."""
    address = urlsplit(settings.TASHARUK_SITE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def _ensure_child(parent, model, spec, **fields):
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if page is None:
        page = parent.add_child(
            instance=model(title=spec["title"][0], slug=spec["slug"], show_in_menus=True, **fields)
        )
        page.save_revision().publish()
    return page


def _ensure_categories(category_index, arabic):
    """The 40 categories, in DESIGN order, with their Arabic names."""
    for slug, english_name, arabic_name in CATEGORY_LIST:
        spec = {"slug": slug, "title": (english_name, arabic_name)}
        page = _ensure_child(category_index, CategoryPage, spec)
        _translate_simple(page, arabic, spec)


def _translate_simple(page, arabic, spec):
    if page.has_translation(arabic):
        return page.get_translation(arabic)
    fields = {"title": spec["title"][1]}
    segments = {}
    if "intro" in spec:
        # These intros are rich text, which localize segments by paragraph: key by text.
        segments[_strip_p(spec["intro"][0])] = _strip_p(spec["intro"][1])
    return translate(page, arabic, fields=fields, segments=segments)


def _strip_p(html):
    return html.removeprefix("<p>").removesuffix("</p>")


def _segment(html):
    """A paragraph as wagtail-localize offers it for translation: links become <a id="aN">
    (their addresses are kept from the source: a page link follows the reader's language)."""
    links = iter(range(1, html.count("<a ") + 1))
    return re.sub(r"<a [^>]*>", lambda _m: f'<a id="a{next(links)}">', _strip_p(html))


def _terms_paragraph(terms):
    """The About page's closing heading and paragraph, linking to the Terms page."""
    return [
        ("Terms", "الشروط"),
        tuple(text.replace("{terms}", str(terms.pk)) for text in ABOUT_TERMS_LINK),
    ]


def _ensure_standard_page(home, arabic, spec):
    """A StandardPage (about, privacy, terms) whose body alternates heading and text blocks."""
    body = [("heading" if i % 2 == 0 else "text", text[0]) for i, text in enumerate(spec["body"])]
    page = _ensure_child(home, StandardPage, spec, intro=spec["intro"][0], body=body)
    segments = {_segment(en): _segment(ar) for en, ar in spec["body"]}
    if not page.has_translation(arabic):
        translate(
            page,
            arabic,
            fields={"title": spec["title"][1], "intro": spec["intro"][1]},
            segments=segments,
        )
    return page


def _ensure_guide(home, arabic):
    steps = [
        ("step", {"icon": icon, "heading": heading[0], "text": text[0]})
        for icon, heading, text in GUIDE["steps"]
    ]
    page = _ensure_child(home, GuidePage, GUIDE, intro=GUIDE["intro"][0], steps=steps)
    segments = {}
    for _icon, heading, text in GUIDE["steps"]:
        segments[heading[0]] = heading[1]
        segments[_strip_p(text[0])] = _strip_p(text[1])
    if not page.has_translation(arabic):
        translate(
            page,
            arabic,
            fields={"title": GUIDE["title"][1], "intro": GUIDE["intro"][1]},
            segments=segments,
        )


def _ensure_footer(english, arabic):
    footer = FooterText.objects.filter(locale=english).first()
    if footer is None:
        footer = FooterText.objects.create(locale=english, body=FOOTER[0])
    if not footer.has_translation(arabic):
        translate(footer, arabic, segments={_strip_p(FOOTER[0]): _strip_p(FOOTER[1])})
