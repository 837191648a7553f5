"""The one rule of what the public may see listed: publication and view restrictions together.

Every listing, count, search document, feed, API answer and widget shows a page only if
`listed()` keeps it: the page is live, every container above it is live, and neither the page,
nor any of its translations, nor an ancestor of either has a Wagtail view restriction
(PageViewRestriction: signed-in users, groups or a password). A restricted page still answers
at its own URL to whoever Wagtail lets in; it is simply never listed, counted or indexed for
anyone, which is the simplest rule that cannot leak (a listing is shared by readers, caches
and the search index, so it cannot depend on who is reading).

Translations share the restriction because they are one work: the search index holds one
document per work with both languages in it, and an Arabic translation of a private English
page tells what the English page is about.
"""

from functools import cache

from django.db.models import Q, Value


@cache
def _container_types(model):
    """Content-type ids of the page types that may hold `model` pages, at any distance
    (from `parent_page_types`); None when any page type may (the generic Page)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    seen, todo = set(), [model]
    while todo:
        for parent in todo.pop().allowed_parent_page_models():
            if parent is Page:
                if model is Page:
                    return None
                continue  # the tree's root: not a published page
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*seen).values())


def hidden_trees(model):
    """(restricted paths, unpublished container paths): the roots of the page subtrees that
    hide `model` pages. One small query: view restrictions are few, and the only unpublished
    pages that matter are the containers `model` pages can live under (found through the
    indexed content type, not by reading every page)."""
    from wagtail.models import Page, PageViewRestriction

    containers = Page.objects.filter(live=False, depth__gt=1)
    types = _container_types(model)
    if types is None:
        containers = containers.filter(numchild__gt=0)
    else:
        containers = containers.filter(content_type__in=types)
    restricted = PageViewRestriction.objects.annotate(restricted=Value(True))
    rows = (
        restricted.order_by()
        .values_list("page__path", "restricted")
        .union(
            containers.annotate(restricted=Value(False))
            .order_by()
            .values_list("path", "restricted"),
            all=True,
        )
    )
    restricted_paths, unpublished_paths = [], []
    for path, is_restricted in rows:
        (restricted_paths if is_restricted else unpublished_paths).append(path)
    return restricted_paths, unpublished_paths


def _under(paths):
    """Pages at or below any of `paths` (a page tree's paths share their ancestors' prefix)."""
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def listed(queryset, model=None):
    """`queryset` (pages of one model) narrowed to the pages the public may see listed: live,
    under live containers, and with no view restriction on the page, on one of its
    translations, or on an ancestor of either. See the module's rule. `model` names the page
    type when `queryset` is of the generic Page (a narrow query of one type's pages)."""
    from wagtail.models import Page

    restricted, unpublished = hidden_trees(model or queryset.model)
    queryset = queryset.live()
    if unpublished:
        queryset = queryset.exclude(_under(unpublished))
    if restricted:
        queryset = queryset.exclude(
            translation_key__in=Page.objects.filter(_under(restricted)).values("translation_key")
        )
    return queryset


def is_listed(page):
    """True when `page` passes `listed()`."""
    return listed(type(page).objects.filter(pk=page.pk)).exists()


def listed_ids(pages):
    """The ids among `pages` (page objects of one model) that pass `listed()`, in one query."""
    pages = list(pages)
    if not pages:
        return set()
    model = type(pages[0])
    return set(
        listed(model.objects.filter(pk__in=[page.pk for page in pages])).values_list(
            "pk", flat=True
        )
    )


def covered_translation_keys(page_path):
    """Translation keys of every page at or below `page_path` — and so, by the module's rule,
    the works whose listing a view restriction there changes."""
    from wagtail.models import Page

    return Page.objects.filter(path__startswith=page_path).values_list("translation_key", flat=True)


def restrictions_through_translations(page):
    """The view restrictions that cover one of `page`'s translations (on that page or an
    ancestor of it) but not `page` itself: Wagtail guards each page by its own tree, and the
    module's rule says a restriction covers the work in both languages."""
    from wagtail.models import PageViewRestriction

    restrictions = list(PageViewRestriction.objects.select_related("page").order_by("pk"))
    if not restrictions:
        return []
    paths = list(page.get_translations().values_list("path", flat=True))
    return [
        restriction
        for restriction in restrictions
        if not page.path.startswith(restriction.page.path)
        and any(path.startswith(restriction.page.path) for path in paths)
    ]
