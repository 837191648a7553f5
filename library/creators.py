"""Publishers and authors named on resources: their addresses (slugs) and their resources.

A publisher or author is not an edited page but a name on resources (`publisher`, `author`,
synchronised across translations). Each name gets a stable slug (Unicode kept, so Arabic names
read as Arabic in the address); the page at /<lang>/publishers/<slug>/ (or /authors/) lists the
live, public resources that name it. Search and the API filter by publisher slug.
"""

import re

from django.utils.text import slugify

ROLES = ("publisher", "author")
SLUG_MAX_LENGTH = 80
SLUG_PATTERN = re.compile(r"^[-\w]{1,80}$")


def creator_slug(name):
    """The address part of a publisher or author name ('' for a name with no letters)."""
    return slugify(name or "", allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-")


def _visible_resources():
    """Listed resources of every locale (library.visibility: live, public, parents live)."""
    from .models import ResourcePage
    from .visibility import listed

    return listed(ResourcePage.objects.all())


def names_for_slugs(role, slugs):
    """The exact names in field `role` of visible resources whose slug is one of `slugs`.

    Names are compared by slug in Python: slugify has no SQL equivalent, and the distinct
    publisher or author names are far fewer than the resources."""
    if role not in ROLES:
        raise ValueError(role)
    wanted = set(slugs)
    names = (
        _visible_resources()
        .exclude(**{role: ""})
        .order_by()
        .values_list(role, flat=True)
        .distinct()
    )
    return sorted(name for name in names if creator_slug(name) in wanted)


def creator_resources(role, names, locale):
    """Visible resources of `locale` whose `role` field is one of `names`, newest first."""
    return (
        _visible_resources()
        .filter(locale=locale, **{f"{role}__in": names})
        .select_related("locale")
        .prefetch_related("categories")
        .order_by("-first_published_at", "-id")
    )
