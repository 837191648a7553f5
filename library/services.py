"""Library logic shared by pages, commands and (later) the API: listing, ordering, identity."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q

from .resource_urls import normalize_url

PAGE_SIZE = 20
SORTS = {"newest": ("-first_published_at", "-id"), "title": ("title", "id")}


def live_resources(locale):
    """Published resources of one locale, with what listing cards need prefetched."""
    from .models import ResourcePage

    return (
        ResourcePage.objects.live()
        .filter(locale=locale)
        .select_related("locale")
        .prefetch_related("categories")
    )


def parse_sort(value):
    """Return a known sort key; anything else means newest first."""
    return value if value in SORTS else "newest"


def order_resources(resources, sort):
    return resources.order_by(*SORTS[parse_sort(sort)])


def paginate(request, items, per_page=PAGE_SIZE):
    """One page of `items` for `?page=`; out-of-range or junk page numbers give a valid page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def resources_in_category(category):
    """Live resources of the category's locale filed under it (in any locale), newest first."""
    source_category = category.get_translation_or_none(default_locale()) or category
    return order_resources(
        live_resources(category.locale).filter(categories=source_category), "newest"
    )


def categories_with_counts(locale):
    """Live categories of a locale in page-tree order, each with `resource_count`."""
    from .models import CategoryPage

    categories = list(CategoryPage.objects.live().filter(locale=locale).order_by("path"))
    # Resources are filed under the default-language categories: map each page to its source.
    source_pk_by_key = dict(
        CategoryPage.objects.filter(
            locale=default_locale(), translation_key__in=[c.translation_key for c in categories]
        ).values_list("translation_key", "pk")
    )
    source_ids = {c.pk: source_pk_by_key.get(c.translation_key, c.pk) for c in categories}
    counts = dict(
        CategoryPage.objects.filter(pk__in=source_ids.values())
        .annotate(
            n=Count(
                "resources",
                filter=Q(resources__live=True, resources__locale=locale),
                distinct=True,
            )
        )
        .values_list("pk", "n")
    )
    for category in categories:
        category.resource_count = counts.get(source_ids[category.pk], 0)
    return categories


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
