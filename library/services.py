"""Library logic shared by pages, commands and the API: listing, ordering, filtering, identity."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, F, Max, Q

from .resource_urls import normalize_url
from .visibility import listed

PAGE_SIZE = 20
SORTS = {"newest": ("-first_published_at", "-id"), "title": ("title", "id")}


def live_resources(locale):
    """Listed resources of one locale (see library.visibility: published, no view
    restriction), with what listing cards need prefetched."""
    from .models import ResourcePage

    return (
        listed(ResourcePage.objects.filter(locale=locale))
        .select_related("locale")
        .prefetch_related("categories")
    )


def parse_sort(value):
    """Return a known sort key; anything else means newest first."""
    return value if value in SORTS else "newest"


def order_resources(resources, sort):
    return resources.order_by(*SORTS[parse_sort(sort)])


class CountedPaginator(Paginator):
    """A Paginator told how many items there are, instead of counting them again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def paginate(request, items, per_page=PAGE_SIZE, count=None):
    """One page of `items` for `?page=`; out-of-range or junk page numbers give a valid page.
    `count`, when known, saves counting `items`."""
    paginator = (
        Paginator(items, per_page) if count is None else CountedPaginator(items, per_page, count)
    )
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def source_category(category):
    """The default-language page of `category`, under which resources are filed."""
    return category.get_translation_or_none(default_locale()) or category


def resources_in_category(category, source=None):
    """Live resources of the category's locale filed under it (in any locale), newest first."""
    source = source or source_category(category)
    return order_resources(live_resources(category.locale).filter(categories=source), "newest")


def resource_count_in_category(category, source=None):
    """How many live resources of the category's locale are filed under it (kept a while:
    see category_resource_counts)."""
    source = source or source_category(category)
    return category_resource_counts(category.locale).get(source.pk, 0)


def live_resource_count(locale):
    """How many resources of `locale` are listed (kept a while: see
    category_resource_counts)."""
    from .models import ResourcePage

    return kept_until_publication(
        ("live", locale.pk), lambda: listed(ResourcePage.objects.filter(locale=locale)).count()
    )


def categories_with_counts(locale):
    """Listed categories of a locale in page-tree order, each with `resource_count`."""
    from .models import CategoryPage

    categories = list(listed(CategoryPage.objects.filter(locale=locale)).order_by("path"))
    # Resources are filed under the default-language categories: map each page to its source.
    source_pk_by_key = dict(
        CategoryPage.objects.filter(
            locale=default_locale(), translation_key__in=[c.translation_key for c in categories]
        ).values_list("translation_key", "pk")
    )
    counts = category_resource_counts(locale)
    for category in categories:
        source_pk = source_pk_by_key.get(category.translation_key, category.pk)
        category.resource_count = counts.get(source_pk, 0)
    return categories


def category_resource_counts(locale):
    """{default-language category pk: number of listed resources of `locale` filed under it}.

    Counting reads every filing of every resource (a few hundred thousand rows at 100,000
    resources), so the answer is kept in the shared cache for TASHARUK_PUBLIC_CACHE
    ["CATEGORY_COUNT_SECONDS"] or until a page is published, unpublished or moved (see
    kept_until_publication)."""
    from .models import ResourcePage

    def count():
        filings = ResourcePage.categories.through.objects.filter(
            resourcepage__in=listed(ResourcePage.objects.filter(locale=locale)).values("pk")
        )
        return dict(
            filings.order_by()
            .values("categorypage_id")
            .annotate(n=Count("resourcepage_id"))
            .values_list("categorypage_id", "n")
        )

    return kept_until_publication(("categories", locale.pk), count)


def kept_until_publication(key, compute):
    """`compute()` (a count, an ordered list of ids: any value only publishing changes), kept
    in the shared cache for TASHARUK_PUBLIC_CACHE["CATEGORY_COUNT_SECONDS"] under the
    PUBLICATION generation: publishing anywhere makes every process compute it afresh."""
    from django.conf import settings

    from tasharuk import invalidation

    return invalidation.kept(
        invalidation.PUBLICATION,
        ":".join(str(part) for part in key),
        compute,
        settings.TASHARUK_PUBLIC_CACHE["CATEGORY_COUNT_SECONDS"],
    )


def localized(pages):
    """`pages` in the active language: each one's live translation when it has one, else the
    page itself — what Wagtail's `page.localized` gives, in two queries for the whole list
    instead of two for every page. The pages must all be of one model."""
    from django.utils.translation import get_language
    from wagtail.models import Locale

    from tasharuk.request_memo import remembered

    pages = list(pages)
    try:
        # A resource page localises its categories and its prerequisites: one look-up.
        locale = remembered(f"active-locale:{get_language()}", Locale.get_active)
    except (LookupError, Locale.DoesNotExist):
        return pages
    keys = [page.translation_key for page in pages if page.locale_id != locale.pk]
    if not keys:
        return pages
    translations = {
        page.translation_key: page
        for page in listed(type(pages[0]).objects.filter(locale=locale, translation_key__in=keys))
    }
    return [
        page if page.locale_id == locale.pk else translations.get(page.translation_key, page)
        for page in pages
    ]


def default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


def find_resource_by_url(url):
    """The page (in whichever locale it was first created, live or not) already filed under
    `url`'s normal form; None when the library has no such resource."""
    from .models import ResourcePage

    return ResourcePage.objects.filter(normalized_url=normalize_url(url)).order_by("id").first()


def other_language(language_code):
    """The other site language: Tasharuk has exactly two, English and Arabic."""
    from django.conf import settings

    return next(code for code, _name in settings.LANGUAGES if code != language_code)


def add_to_library(page):
    """File a new ResourcePage under its locale's library index, with a free slug made from
    its title, and return it."""
    from django.utils.text import slugify
    from wagtail.coreutils import find_available_slug

    from .models import LibraryIndexPage

    index = LibraryIndexPage.objects.get(locale=page.locale)
    page.slug = find_available_slug(
        index, slugify(page.title, allow_unicode=True)[:80] or "resource"
    )
    return index.add_child(instance=page)


def find_duplicate(url, locale_id, translation_key=None):
    """The resource of `locale_id` already filed under `url`'s normal form, other than the work
    identified by `translation_key`; None when there is none."""
    from .models import ResourcePage

    matches = ResourcePage.objects.filter(normalized_url=normalize_url(url), locale_id=locale_id)
    if translation_key is not None:
        matches = matches.exclude(translation_key=translation_key)
    return matches.first()


def _json_list_contains_any(field, values):
    """Rows whose JSON list `field` holds any of `values` (well-formed codes).

    PostgreSQL answers a jsonb containment; elsewhere (SQLite) the JSON text is matched with
    the quoted code, which cannot match part of another code.
    """
    condition = Q()
    for value in values:
        if connection.vendor == "postgresql":
            condition |= Q(**{f"{field}__contains": [value]})
        else:
            condition |= Q(**{f"{field}__icontains": f'"{value}"'})
    return condition


def filtered_resources(filters):
    """Listed resource pages (any locale) matching `filters`, a dict of facet name → values
    (category, language, format, region, license, level, audience, max_minutes, and publisher
    by slug): OR within a facet, AND across facets."""
    from .models import ResourcePage

    pages = listed(ResourcePage.objects.all())
    if filters.get("category"):
        # Resources of every language point at the default-language category pages.
        pages = pages.filter(
            pk__in=ResourcePage.categories.through.objects.filter(
                categorypage__slug__in=filters["category"]
            ).values("resourcepage_id")
        )
    if filters.get("format"):
        pages = pages.filter(media_format__in=filters["format"])
    if filters.get("license"):
        pages = pages.filter(license__in=filters["license"])
    if filters.get("language"):
        pages = pages.filter(_json_list_contains_any("languages", filters["language"]))
    if filters.get("region"):
        pages = pages.filter(_json_list_contains_any("regions", filters["region"]))
    # Works narrowed by translation key (the API's `warning` filter, through search.warnings).
    if filters.get("keys") is not None:
        pages = pages.filter(translation_key__in=filters["keys"])
    if filters.get("excluded_keys"):
        pages = pages.exclude(translation_key__in=filters["excluded_keys"])
    if filters.get("level"):
        pages = pages.filter(level__in=filters["level"])
    if filters.get("audience"):
        pages = pages.filter(_json_list_contains_any("audience", filters["audience"]))
    if filters.get("max_minutes"):
        # Several values: the longest one (OR of "at most N").
        longest = max(int(value) for value in filters["max_minutes"])
        pages = pages.filter(time_minutes__lte=longest)
    if filters.get("publisher"):
        from .creators import names_for_slugs

        pages = pages.filter(publisher__in=names_for_slugs("publisher", filters["publisher"]))
    return pages


def latest_works(filters, offset=0, limit=20):
    """(count, translation keys) of the works matching `filters`, newest first, one per work
    whatever the number of its translations; keys from `offset`, at most `limit` of them."""
    works = (
        filtered_resources(filters)
        .order_by()
        .values("translation_key")
        .annotate(published=Max("first_published_at"))
        .order_by(F("published").desc(nulls_last=True), "translation_key")
    )
    keys = [row["translation_key"] for row in works[offset : offset + limit]]
    return works.count(), keys


def live_resource(pk):
    """The listed resource page with this id (see library.visibility), or None."""
    from .models import ResourcePage

    return listed(ResourcePage.objects.filter(pk=pk)).first()


def resource_tags_and_editions(page):
    """What a resource's detail adds to its list item: sorted tag names, its editions
    (language, url, format, title), its listed prerequisites and its safety note, as the
    public API shows them."""
    return {
        "prerequisites": [
            {"id": other.pk, "title": other.title, "url": other.url}
            for other in page.listed_prerequisites
        ],
        "safety_note": page.safety_note,
        "tags": sorted(page.tags.names()),
        "editions": [
            {
                "language": block.value["language"],
                "url": block.value["url"],
                "format": block.value.get("media_format") or "",
                "title": block.value.get("title") or "",
            }
            for block in page.details
            if block.block_type == "edition"
        ],
    }


def publication_dates(page_ids):
    """Page id → (first published, last published) for feeds and structured metadata."""
    from .models import ResourcePage

    return {
        row[0]: (row[1], row[2])
        for row in ResourcePage.objects.filter(pk__in=page_ids).values_list(
            "pk", "first_published_at", "last_published_at"
        )
    }


def live_category(slug, locale_code):
    """The listed category page with this slug in that language (or in the default language
    when it has no translation yet); None when there is no such category."""
    from .models import CategoryPage

    pages = listed(CategoryPage.objects.filter(slug=slug))
    return (
        pages.filter(locale__language_code=locale_code).first()
        or pages.filter(locale=default_locale()).first()
    )
