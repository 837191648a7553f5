"""Site navigation: the main menu of the active locale, the language switcher, the footer.

The menu, the footer and each locale's home address are the same on every page: they are read
once per language and kept in the shared cache for TASHARUK_PUBLIC_CACHE["SITE_CHROME_SECONDS"]
(0 in development and tests), under the PAGES generation, so publishing, unpublishing or
moving a page or saving a footer in any process forgets them at once (tasharuk/invalidation.py).
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from wagtail.models import Page

from home.models import FooterText, HomePage
from library.visibility import listed
from tasharuk import invalidation

register = template.Library()


def _remembered(part, language_code, read):
    """`read()`, kept per part and language for SITE_CHROME_SECONDS, until pages change."""
    return invalidation.kept(
        invalidation.PAGES,
        f"chrome:{part}:{language_code}",
        read,
        settings.TASHARUK_PUBLIC_CACHE["SITE_CHROME_SECONDS"],
    )


def _locale_home(language_code):
    return HomePage.objects.live().filter(locale__language_code=language_code).first()


def _locale_home_url(language_code):
    def read():
        home = _locale_home(language_code)
        return home.url if home else None

    return _remembered("home", language_code, read)


def _menu(language_code):
    """{"home_url", "links": [{"title", "url"}]} of a locale's menu."""
    home = _locale_home(language_code)
    if home is None:
        return {"home_url": "/", "links": []}
    # Every live, public section curators show in menus (library, categories, programs, guide,
    # about): the page tree's order is the menu's order.
    children = listed(home.get_children().in_menu())
    return {
        "home_url": home.url,
        "links": [{"title": page.title, "url": page.url} for page in children],
    }


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Links to the library, categories, guide and about page of the active locale."""
    language_code = get_language()
    menu = _remembered("menu", language_code, lambda: _menu(language_code))
    return {**menu, "request": context.get("request")}


def same_site_path(url, language_code):
    """`url` as a path on this site, or the locale's root when it could lead elsewhere.

    A request path such as `/%2F%2Fevil.example/` decodes to `///evil.example/`, which browsers
    read as another host; leading slashes and backslashes collapse to one, and anything that
    still names a host or scheme is replaced."""
    path = "/" + url.lstrip("/\\")
    if url_has_allowed_host_and_scheme(path, allowed_hosts=set()):
        return path
    return f"/{language_code}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: the same page's translation, or that locale's home page
    when the page has none; non-page views keep their path under the other prefix."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].url
        elif isinstance(page, Page) or request is None:
            url = _locale_home_url(code) or f"/{code}/"
        else:
            url = same_site_path(translate_url(request.get_full_path(), code), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag
def footer_text():
    """The footer snippet's text ({"body"}) of the active locale, falling back to the default
    locale's."""

    def read():
        texts = {
            text.locale.language_code: text for text in FooterText.objects.select_related("locale")
        }
        text = texts.get(language_code) or texts.get(settings.LANGUAGE_CODE)
        # Plain data, not the model instance: the shared cache outlives a deploy's code.
        return {"body": text.body} if text else None

    language_code = get_language()
    return _remembered("footer", language_code, read)
