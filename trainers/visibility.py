"""Which resources trainers' agendas and packs may show: live and public ones only.

The project keeps one rule for this (live, no view restriction on the page or its parents);
when `library.visibility.listed` is present it decides, otherwise the same rule is applied
here from Wagtail's view restrictions, so packs never carry a private page either way."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from library.models import ResourcePage

try:  # the shared rule, once it is merged (library/visibility.py)
    from library.visibility import listed as _shared_listed
except ImportError:  # pragma: no cover - depends on what is merged
    _shared_listed = None


def listed(queryset):
    """`queryset` of pages narrowed to live pages outside every view-restricted subtree."""
    queryset = queryset.live()
    if _shared_listed is not None:
        return _shared_listed(queryset)
    hidden = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden) if hidden else queryset


def public_resources(translation_keys, language):
    """{translation_key: live public ResourcePage}, in `language` when translated, else in any
    language; keys whose resource is unpublished or private are absent."""
    pages = {}
    found = listed(
        ResourcePage.objects.filter(translation_key__in=list(translation_keys))
    ).select_related("locale")
    for page in found.order_by("pk"):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    return pages
