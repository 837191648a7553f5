"""The open API (/api/v1/): one NinjaAPI, one router per concern, errors as {"error": reason}.

Routers live in api/routers/; each calls its apps' services (search, library, members'
collections through api.members) and owns no business logic. The OpenAPI document
(/api/v1/schema/) and the browsable docs (/api/v1/docs/) are generated from the typed routes.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from . import params
from .rendering import CONTENT_TYPE, UnicodeJSONRenderer
from .routers import categories, collections, feeds, oembed, resources, search

# Paths where a 404 must stay a JSON 404 (see TasharukAPI.create_response).
API_URLCONF = "api.urls"


class TasharukAPI(NinjaAPI):
    def get_content_type(self):
        return CONTENT_TYPE

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code == 404:
            keep_json_404(request)
        return response


def keep_json_404(request):
    """Keep a JSON 404 a 404.

    LocaleMiddleware turns a 404 on an unprefixed path into a redirect to /<lang>/… whenever
    that path would resolve, and Wagtail's catch-all resolves everything. It only does so for a
    URLconf using i18n_patterns, so this request is pointed at the API's own URLconf, which
    does not (the setting only lives for this request).
    """
    request.urlconf = API_URLCONF


api = TasharukAPI(
    title="Tasharuk API",
    version="1",
    description=(
        "Read-only access to Tasharuk's bilingual library of learning resources: search, "
        "resources, categories, members' public collections and feeds. Anonymous, no key; "
        "GET only; answers carry ETag and Last-Modified for conditional requests."
    ),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    # Swagger UI from ninja's bundled static files ("ninja" in INSTALLED_APPS), never a CDN;
    # no validator badge, which would ask a third-party service about the schema.
    docs=Swagger(settings={"validatorUrl": None}),
    renderer=UnicodeJSONRenderer(),
)

api.add_router("/search/", search.router, tags=["search"])
api.add_router("/resources/", resources.router, tags=["resources"])
api.add_router("/categories/", categories.router, tags=["categories"])
api.add_router("/collections/", collections.router, tags=["collections"])
api.add_router("/feeds/", feeds.router, tags=["feeds"])
api.add_router("/oembed/", oembed.router, tags=["oembed"])


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    if any(error.get("loc", ("",))[0] == "path" for error in exc.errors):
        # /resources/abc/ names nothing, like /resources/999999999/.
        return api.create_response(request, {"error": _("Not found.")}, status=404)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "oembed":
        unsupported = oembed.unsupported_format(request, exc.errors)
        if unsupported:
            return api.create_response(request, unsupported, status=501)
    reason = params.reason_for_invalid(request, exc.errors)
    return api.create_response(request, {"error": reason}, status=400)


@api.exception_handler(HttpError)
def refused(request, exc):
    return api.create_response(request, {"error": exc.message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": str(exc) or _("Not found.")}, status=404)
