"""The one-paragraph description a page gives search engines and link previews, in the page's
own language: what its editors wrote for search, else the page's own summary or introduction,
else the site's description."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

# Fields that describe a page, best first: editors' text for search engines, then the summary
# (resources, programs), then the introduction (home, indexes, categories, standard pages),
# then a program week's goals.
DESCRIBING_FIELDS = ("search_description", "summary", "intro", "goals")
# Search engines show about this much; the rest is cut at a word.
MAX_CHARACTERS = 160


def describe(page):
    """`page`'s description as plain text, or the site's when the page says nothing."""
    for name in DESCRIBING_FIELDS:
        text = " ".join(strip_tags(str(getattr(page, name, "") or "")).split())
        if text:
            return Truncator(text).chars(MAX_CHARACTERS)
    return site_description()


@register.simple_tag
def site_description():
    """What Tasharuk is, in the active language: for pages that describe nothing of their own."""
    return _(
        "Tasharuk: a shared library of learning resources in Arabic and English for "
        "journalists, activists, trainers and civil-society groups."
    )


@register.simple_tag(takes_context=True)
def page_description(context):
    page = context.get("page")
    return describe(page) if page is not None and hasattr(page, "specific") else site_description()
