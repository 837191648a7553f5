"""Finding library resources for a session: by words of the title, or by the address of a
resource page on this site (either language, with or without the host)."""

import uuid
from urllib.parse import unquote, urlsplit

from django.conf import settings

from library.models import ResourcePage

from .visibility import listed

MAX_RESULTS = 10


def search_resources(query, language):
    """Live public resources whose title contains `query` (up to 10, one per resource), in
    `language` when that translation matches, else in the language whose title matched: a
    trainer may look for an English title from the Arabic interface and the other way round."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    pages = listed(ResourcePage.objects.filter(title__icontains=query)).select_related("locale")
    chosen = {}
    for page in pages.order_by("title", "pk")[: MAX_RESULTS * 4]:
        current = chosen.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return list(chosen.values())[:MAX_RESULTS]


def resource_from_url(url):
    """The live public resource whose page is at `url` (/en/…/slug/ or /ar/…/slug/), or None."""
    path = unquote(urlsplit((url or "").strip()).path)
    parts = [part for part in path.split("/") if part]
    languages = {code for code, _name in settings.LANGUAGES}
    if len(parts) < 2 or parts[0] not in languages:
        return None
    pages = ResourcePage.objects.filter(slug=parts[-1], locale__language_code=parts[0])
    return listed(pages).first()


def resource_by_key(key):
    """The live public resource with this translation key (any language), or None."""
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        return None
    return listed(ResourcePage.objects.filter(translation_key=key)).first()
