"""Site navigation: the main menu of the active locale, the language switcher, the footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from home.models import FooterText, GuidePage, HomePage, StandardPage
from library.models import CategoryIndexPage, LibraryIndexPage

register = template.Library()


def _locale_home(language_code):
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        return None
    return HomePage.objects.live().filter(locale=locale).first()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Links to the library, categories, guide and about page of the active locale."""
    home = _locale_home(get_language())
    links = []
    if home is not None:
        children = home.get_children().live().in_menu().specific()
        wanted = (LibraryIndexPage, CategoryIndexPage, GuidePage, StandardPage)
        links = [page for page in children if isinstance(page, wanted)]
    return {"home": home, "links": links, "request": context.get("request")}


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
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live()
        }
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].url
        elif isinstance(page, Page) or request is None:
            home = _locale_home(code)
            url = home.url if home else f"/{code}/"
        else:
            url = same_site_path(translate_url(request.get_full_path(), code), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag
def footer_text():
    """The footer snippet of the active locale, falling back to the default locale's."""
    texts = {
        text.locale.language_code: text for text in FooterText.objects.select_related("locale")
    }
    return texts.get(get_language()) or texts.get(settings.LANGUAGE_CODE)
