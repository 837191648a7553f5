"""The caches: the shared cache server or each process's memory, and what signed-out visitors'
pages may be kept for (tasharuk/public_responses.py)."""

from .environment import ENV_CACHE_KEY_PREFIX, ENV_CACHE_URL, ENV_PUBLIC_CACHE_SECONDS


def cache_settings(url, key_prefix):
    """CACHES for a shared cache server at `url` (tasharuk/shared_cache.py), or, without one,
    for caches in each process's memory (one process only).

    Rate-limit counters, kept menus and counts, the search fallback's answers and the
    invalidation generations live in "default"; "public_pages" holds signed-out visitors'
    pages (tasharuk/public_responses.py), so emptying it never resets a rate limit. When the
    server is away, "default" counts in the process and "public_pages" keeps nothing."""
    if not url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "public_pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "public-pages",
                # ~20 KB a page: at most ~20 MB a worker.
                "OPTIONS": {"MAX_ENTRIES": 1000},
            },
        }
    return {
        "default": {
            "BACKEND": "tasharuk.shared_cache.SharedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"FALLBACK": "local"},
        },
        "public_pages": {
            "BACKEND": "tasharuk.shared_cache.SharedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{key_prefix}-pages",
            "OPTIONS": {"FALLBACK": "none"},
        },
    }


CACHES = cache_settings(ENV_CACHE_URL, ENV_CACHE_KEY_PREFIX)
TASHARUK_PUBLIC_CACHE = {
    # How long a signed-out visitor's page is reused (0: never). Publishing forgets the pages
    # of every process at once (a generation number in the shared cache).
    "SECONDS": ENV_PUBLIC_CACHE_SECONDS,
    # How long the menu, footer and home addresses every page shows are kept in the cache
    # (home/templatetags/navigation_tags.py); publishing forgets them at once.
    "SITE_CHROME_SECONDS": 30,
    # How long the number of resources per category (home page, category index, API) is kept
    # in the cache: counting them reads every filing of every resource. The ordered ids of a
    # category's listing and the library's blocks of ids (library/listing.py) are kept as long.
    # Publishing forgets them all.
    "CATEGORY_COUNT_SECONDS": 300,
    # How long the parts of a resource page that only publishing (or a rating) changes are
    # kept: its link-preview metadata and JSON-LD, the languages members may help translate it
    # into. Publishing forgets them.
    "PAGE_PARTS_SECONDS": 300,
    # Page types whose anonymous renderings may be reused; never member or form pages.
    "PAGE_TYPES": [
        "home.HomePage",
        "home.StandardPage",
        "home.GuidePage",
        "library.LibraryIndexPage",
        "library.CategoryIndexPage",
        "library.CategoryPage",
        "library.ResourcePage",
    ],
    # Saving or deleting one of these forgets every process's cached pages.
    "CLEARED_BY": [
        "community.Rating",
        "community.Comment",
        "community.FeaturedCollection",
        "curation.LinkHealth",
        "curation.WantedNote",
        "home.FooterText",
        "vocabulary.Concept",
        # A view restriction hides its page from every listing (library.visibility).
        "wagtailcore.PageViewRestriction",
        # A tool warning shows on every page that lists the resource (safety/).
        "safety.ToolStatus",
    ],
}
