"""Paginated resource listings (the library and category pages) whose deep pages cost about
what the first one does.

`?page=2000` used to make PostgreSQL read, join and sort 40,000 full resource rows only to
skip them (about two seconds at 100,000 resources). A page is now found in two steps: the ids
of the page's 20 resources from a narrow query on the page table alone, which the partial
indexes of migration library/0008 answer by walking an index (no row is read for the skipped
ones), then those 20 resources with everything their cards need. Page links stay plain
`?page=N` addresses, so bookmarks and shared links keep working.

A category's ids cannot be walked that way: they join the page table to the filings, and
PostgreSQL sorts every filed resource to skip to a deep page (34 ms for a category of 13,500 at
100,000 resources, against 0.2 ms for the first page). A category's ordered ids are therefore
kept in the shared cache until the next publication (as its count is): every page of it then
costs one cache read.

The library's own ids are walked through an index, but the walk still steps over every skipped
id (6–7 ms to reach page 2,000 at 100,000 resources, under 1 ms for the first). They are kept
in blocks of a thousand (fifty pages), each until the next publication: a deep page then costs
what the first does, one cache read of a few kilobytes, without keeping the whole library's
ids in one entry.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from .services import kept_until_publication
from .visibility import listed

PAGE_SIZE = 20
KEPT_BLOCK = 1000  # ids per kept block of the library's order: fifty pages
# The orders of the narrow query; each has an index of migration 0008 (pk breaks ties).
ORDERS = {"newest": ("-first_published_at", "-id"), "title": ("title", "id")}


class ResourceWindow:
    """What a Paginator slices: ids from `keys` (a narrow, ordered query of Page ids), rows
    from `rows` (a ResourcePage queryset with what the cards need), in the order of the ids."""

    def __init__(self, keys, rows, count):
        self.keys, self.rows, self.count = keys, rows, count
        self.ordered = True  # the Paginator warns about unordered lists otherwise

    def __len__(self):
        return self.count

    def __getitem__(self, window):
        ids = list(self.keys[window])
        found = {page.pk: page for page in self.rows.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def page_number(value):
    """The page asked for as a positive int; anything else (junk, 0, negative, absurdly
    long) means the first page."""
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


def paginate(request, keys, rows, count, per_page=PAGE_SIZE):
    """One page of a listing for `?page=`: `keys` are the listed pages' ids in display order
    (see resource_keys), `rows` the resources to show, `count` how many there are. A page past
    the end gives the last page; junk gives the first."""
    paginator = Paginator(ResourceWindow(keys, rows, count), per_page)
    number = page_number(request.GET.get("page", 1))
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        return paginator.page(paginator.num_pages)


def resource_keys(locale, sort, category=None):
    """Ids of the listed resources of `locale` (filed under the default-language `category`
    when given) in the order of `sort`, from the page table alone: the narrow query that the
    listing indexes answer without reading the skipped rows."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from .models import ResourcePage

    pages = Page.objects.filter(
        locale=locale, content_type=ContentType.objects.get_for_model(ResourcePage)
    )
    if category is not None:
        filed = ResourcePage.categories.through.objects.filter(categorypage=category)
        pages = pages.filter(pk__in=filed.values("resourcepage_id"))
    return listed(pages, model=ResourcePage).order_by(*ORDERS[sort]).values_list("pk", flat=True)


class KeptBlocks:
    """The ids of `keys` (an ordered queryset of ids) sliced a block at a time, each block of
    KEPT_BLOCK kept until the next publication under `name` and its number."""

    def __init__(self, name, keys):
        self.name, self.keys = name, keys

    def _block(self, number):
        start = number * KEPT_BLOCK
        return kept_until_publication(
            (*self.name, number), lambda: list(self.keys[start : start + KEPT_BLOCK])
        )

    def __getitem__(self, window):
        # The Paginator asks for bounded windows only ([bottom:top]); an open end would need
        # every block after it.
        start, stop = window.start, window.stop
        if stop <= start:
            return []
        first, last = start // KEPT_BLOCK, (stop - 1) // KEPT_BLOCK
        ids = [pk for number in range(first, last + 1) for pk in self._block(number)]
        offset = first * KEPT_BLOCK
        return ids[start - offset : stop - offset]


def library_resource_keys(locale, sort):
    """resource_keys of the whole library, read in blocks kept until the next publication
    (see the module's docstring)."""
    return KeptBlocks(("library-keys", locale.pk, sort), resource_keys(locale, sort))


def category_resource_keys(locale, sort, category):
    """resource_keys of one default-language `category`, as a list kept until the next
    publication (see the module's docstring)."""
    return kept_until_publication(
        ("category-keys", locale.pk, category.pk, sort),
        lambda: list(resource_keys(locale, sort, category=category)),
    )
