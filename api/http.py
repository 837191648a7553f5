"""HTTP manners of the open endpoints (API, feeds, oEmbed, widget): CORS for GET, conditional
requests, caching for anonymous readers and a per-client rate limit.

One middleware does it for every path in OPEN_PREFIXES, so routes stay plain and every open
endpoint behaves the same. The rate limit counts by a keyed hash of the client's address
(tasharuk/ratelimit.py); the address itself is never stored.
"""

import hashlib
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from tasharuk import invalidation, ratelimit

from . import members

# /api/v1/… (oEmbed included) and the language-prefixed feeds and widget.
_LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
OPEN_PATHS = re.compile(rf"^/(?:api/v1/|(?:{_LANGUAGES})/(?:feeds|embed/widget)/)")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",  # anyone may read; no credentials are ever honoured
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
STATIC_PAGES = ("/api/v1/schema/", "/api/v1/docs/")  # they change with the code only
ANONYMOUS_CACHE = "public, max-age=120"
MEMBER_CACHE = "private, no-cache"


def content_changed_at(path):
    """When what `path` shows last changed, as far as the database can tell: the latest page
    action (publish, unpublish, move, delete) or rating. None for collections, whose owners'
    privacy choices have no timestamp: there the ETag alone decides."""
    if "/collections/" in path or "/feeds/collection/" in path or path.endswith(STATIC_PAGES):
        return None
    # Kept until pages change (publishing and rating advance PAGES): two queries on every read
    # of the API otherwise.
    return invalidation.kept(
        invalidation.PAGES,
        "api:content-changed-at",
        _latest_change,
        settings.TASHARUK_PUBLIC_CACHE["PAGE_PARTS_SECONDS"],
    )


def _latest_change():
    times = [
        PageLogEntry.objects.order_by("-timestamp").values_list("timestamp", flat=True).first(),
        members.latest_rating_change(),
    ]
    return max((time for time in times if time), default=None)


def within_rate_limit(request):
    """Count this read; False once the client is over the "open_api" limit. Keyed by the
    address hash alone, so reading the API never touches a session."""
    limit, window = ratelimit.limits()["open_api"]
    key = f"tasharuk:rl:open_api:{ratelimit.hashed_client_address(request)}"
    return ratelimit.count_in_window(key, window) <= limit


class OpenEndpointsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not OPEN_PATHS.match(request.path):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for header, value in PREFLIGHT_HEADERS.items():
                response[header] = value
            return response
        if request.method in ("GET", "HEAD") and not within_rate_limit(request):
            return self.too_many(request)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 200 and not response.streaming:
            response = self.cacheable(request, response)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response

    @staticmethod
    def cacheable(request, response):
        """Cache headers and validators; a 304 when the client's copy is still current."""
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        response["Cache-Control"] = ANONYMOUS_CACHE if anonymous else MEMBER_CACHE
        patch_vary_headers(response, ["Accept-Language"])
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        changed = content_changed_at(request.path)
        if changed:
            response["Last-Modified"] = http_date(changed.timestamp())
        elif response.has_header("Last-Modified"):
            del response["Last-Modified"]  # a feed's newest item date misses removals
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(changed.timestamp()) if changed else None,
            response=response,
        )

    @staticmethod
    def too_many(request):
        _count, window = ratelimit.limits()["open_api"]
        response = JsonResponse(
            {"error": _("Too many requests; please wait a minute and try again.")}, status=429
        )
        response["Retry-After"] = str(window)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response
