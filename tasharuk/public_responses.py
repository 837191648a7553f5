"""What every public response goes through on its way out: text compression and a short-lived
cache of full pages for signed-out visitors.

Compression (`TextCompressionMiddleware`)
    Only text (HTML, CSS, JavaScript, JSON, XML, feeds, SVG, CSV, plain text) is gzipped;
    images, PDFs and archives are already compressed and are left alone. Compressing a page
    that carries a secret next to text the visitor controls opens the BREACH attack, in which
    a third-party site makes the victim's browser send many requests and reads the secret off
    the compressed lengths. Three things stand in its way here:
    - the only secret in a page body is the CSRF token, and Django masks it with a fresh random
      salt in every response, so no two responses carry the same token text to converge on;
    - Django's GZipMiddleware (4.2+) adds 0–100 random bytes to the gzip header's file name
      field in every response ("Heal the Breach"), so lengths no longer follow the content;
    - session and CSRF cookies are SameSite=Lax: a third-party site's scripted requests reach
      the site without them, i.e. as an anonymous visitor whose pages hold no secret.

Anonymous page cache (`AnonymousPageCacheMiddleware`)
    A signed-out visitor's request for a public content page (home, library index, categories,
    a category, a resource, standard and guide pages) is answered from the shared cache
    when the same page was rendered for another signed-out visitor less than
    TASHARUK_PUBLIC_CACHE["SECONDS"] ago. The rules, each of which keeps a member's or one
    visitor's content away from anyone else:
    - only GET and HEAD requests, and only from visitors carrying no cookie other than the
      CSRF and language cookies: no session (so never a member, never someone half-way
      through a login or holding a page password) and no messages;
    - only URLs under a language prefix whose query string holds nothing but `page`, `sort`
      and `comments` (the parameters these pages read); any other parameter gets a fresh page,
      so junk parameters cannot fill the cache;
    - a response is kept only when it is a 200 text/html rendering of one of the page types in
      TASHARUK_PUBLIC_CACHE["PAGE_TYPES"] served by Wagtail, the page has no view restriction,
      the visitor was signed out, the response sets no cookie, no CSRF token was made for it
      (pages with POST forms, such as the login and feedback pages or Wagtail's password form,
      therefore never enter the cache) and it does not say Cache-Control private/no-store;
    - the key is the scheme, the validated host and the full path with its query string; the
      language is part of the path, and responses say `Vary: Cookie, Accept-Language` so that
      caches downstream keep members and languages apart too;
    - a cached page is served with the very headers it was rendered with; its CSP nonce is
      reused with the same HTML, which keeps the nonce's promise: nothing can be injected into
      a stored page, and anything new on the page means a new rendering with a new nonce.

    Freshness: every entry lives TASHARUK_PUBLIC_CACHE["SECONDS"] (30 s in production) at most.
    The cache is the shared one (TASHARUK_CACHE_URL, docs/operations/shared-cache.md), and its
    keys carry the PAGES generation (tasharuk/invalidation.py): publishing, unpublishing,
    moving or deleting a page, or saving or deleting a model listed in
    TASHARUK_PUBLIC_CACHE["CLEARED_BY"] (ratings, comments, link health, wanted notes, the
    footer, the vocabulary), in any process, makes every process render the page afresh at
    once. While the cache server is away nothing is cached and every page is rendered.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

from . import invalidation

CACHE_ALIAS = "public_pages"
ALLOWED_QUERY_PARAMETERS = frozenset({"page", "sort", "comments"})
MAX_CACHED_QUERY_LENGTH = 64
# application/* types that are text: JSON, XML (RSS, Atom), JavaScript.
TEXT_APPLICATION_SUBTYPES = ("json", "xml", "javascript", "ecmascript")


def is_text(content_type):
    """True for media types worth compressing: text/*, SVG, and JSON, XML or script."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    kind, _slash, subtype = media_type.partition("/")
    if kind == "text" or media_type == "image/svg+xml":
        return True
    return kind == "application" and any(name in subtype for name in TEXT_APPLICATION_SUBTYPES)


class TextCompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its random-length header padding), for text only."""

    def process_response(self, request, response):
        if not is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)


def cache_settings():
    return settings.TASHARUK_PUBLIC_CACHE


def public_page_cache():
    return caches[CACHE_ALIAS]


def _page_types():
    return tuple(apps.get_model(label) for label in cache_settings()["PAGE_TYPES"])


def cache_key(request):
    """The key under which this request's page may be cached, or None when this request must
    get a page of its own (see the module's rules)."""
    if request.method not in ("GET", "HEAD"):
        return None
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if any(name not in harmless for name in request.COOKIES):
        return None
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    if not request.path.startswith(prefixes):
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_CACHED_QUERY_LENGTH or any(
        name not in ALLOWED_QUERY_PARAMETERS for name in request.GET
    ):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the view answers it with a 400
    address = f"{request.scheme}://{host}{request.path}?{query}"
    generation = invalidation.current(invalidation.PAGES)
    return f"page:{generation}:" + hashlib.sha256(address.encode()).hexdigest()


def may_keep(request, response):
    """True when `response` shows nothing that belongs to this visitor (see the module's rules)."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    if not isinstance(page, _page_types()) or page.get_view_restrictions().exists():
        return False
    return b"csrfmiddlewaretoken" not in response.content


def _stored(response):
    return (response.content, list(response.items()))


def _from_store(entry):
    content, headers = entry
    return HttpResponse(content, headers=headers)


class AnonymousPageCacheMiddleware:
    """Serve signed-out visitors' public pages from the short-lived shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_settings()["SECONDS"]
        key = cache_key(request) if seconds > 0 else None
        if key is not None:
            entry = public_page_cache().get(key)
            if entry is not None:
                return _from_store(entry)
        response = self.get_response(request)
        if key is not None:
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            if may_keep(request, response):
                public_page_cache().set(key, _stored(response), seconds)
        return response
