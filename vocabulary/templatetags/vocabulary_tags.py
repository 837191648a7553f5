"""Template helpers that show resource tags through the vocabulary: the concept's label in the
page's language, linked to a search for that concept."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from vocabulary.lookup import concept_for_term, snapshot

register = template.Library()


def tag_link(name, language, vocabulary=None):
    """{"label", "url"} for one tag: the vocabulary's label in `language` when the tag names a
    concept, else the tag itself written as words; the URL searches for that label."""
    concept = concept_for_term(name, vocabulary)
    if concept is not None:
        label = concept.labels.get(language) or concept.labels["en"]
    else:
        label = " ".join(name.replace("-", " ").split())
    return {"label": label, "url": reverse("search") + "?" + urlencode({"q": label})}


@register.simple_tag
def tag_links(tags):
    """Usage: {% tag_links page.tags.all as tags %} → [{"label", "url"}], in the page's
    language, without repeats (two tags may name one concept)."""
    language = get_language() or "en"
    vocabulary = snapshot()
    links, seen = [], set()
    for tag in tags:
        link = tag_link(tag.name, language, vocabulary)
        if link["label"] not in seen:
            seen.add(link["label"])
            links.append(link)
    return links
