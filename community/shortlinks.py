"""Stable short links (/s/<code>) for resources and public collections, and plain share links."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .collections import is_shared, listed_resource
from .models import ShortLink

# Base32 without the characters people confuse (0/o, 1/l/i) and without u.
SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstvwxyz"
SHORT_CODE_LENGTH = 7


def _new_code():
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def _short_link(**target):
    link = ShortLink.objects.filter(**target).first()
    while link is None:
        try:
            with transaction.atomic():
                link = ShortLink.objects.create(code=_new_code(), **target)
        except IntegrityError:  # a code collision, or a concurrent request made the link
            link = ShortLink.objects.filter(**target).first()
    return link


def resource_short_link(translation_key):
    """The stable short link of a resource (created on first use)."""
    return _short_link(translation_key=translation_key)


def collection_short_link(collection):
    """The stable short link of a public collection; None for a private one."""
    if not collection.is_public:
        return None
    return _short_link(collection=collection)


def resolve_short_code(code, language=None):
    """The URL path a short code leads to, in `language` where the resource has it; None for
    an unknown code, an unpublished resource or a collection nobody else may see any more."""
    from django.urls import reverse
    from django.utils.translation import override

    link = (
        ShortLink.objects.filter(code=(code or "").lower())
        .select_related("collection__owner")
        .first()
    )
    if link is None:
        return None
    if link.collection_id:
        if not is_shared(link.collection):
            return None
        with override(language or get_language()):
            return reverse("community_collection", args=[link.collection_id])
    page = listed_resource(link.translation_key, language)
    return page.url if page is not None else None


def share_links(url, title):
    """Plain links for sharing (no third-party script, image or font): [(name, href)]."""
    from urllib.parse import quote

    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        (_("Email"), f"mailto:?subject={t}&body={t}%20{u}"),
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
    ]
