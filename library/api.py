"""The read-only public API for resources, categories and public collections (/api/v1/).

Parameters are validated by the search API's parser and items are serialised by the search
gateway's own result builder, so a resource looks the same here as in search results.
"""

import re

from django.db import connection
from django.db.models import F, Max, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET

from community.models import Collection
from search import services as search_services
from search.documents import build_documents

from . import services
from .models import ResourcePage

ID_PATTERN = r"\d{1,12}"


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message, status):
    return _json({"error": str(message)}, status=status)


def _with_params(view):
    """Parse the query string like the search API does; malformed parameters answer 400."""

    @require_GET
    def wrapper(request, *args, **kwargs):
        try:
            params = search_services.parse_params(request.GET)
        except search_services.SearchParameterError as error:
            return _error(error, 400)
        with override(params.locale):
            return view(request, params, *args, **kwargs)

    return wrapper


def _not_found(request, message):
    """A JSON 404 that stays a 404.

    LocaleMiddleware turns a 404 on an unprefixed path into a redirect to /<lang>/… whenever
    that path would resolve, and Wagtail's catch-all resolves everything. It only does so for a
    URLconf using i18n_patterns, so this request is pointed at the API's own URLconf, which
    does not (the setting only lives for this request).
    """
    request.urlconf = "library.api_urls"
    return _error(message, 404)


def _page_id(raw):
    """The integer id in the URL, or None when it is not one (answered with a JSON 404)."""
    return int(raw) if re.fullmatch(ID_PATTERN, raw or "") else None


# --- Serialisation ---------------------------------------------------------------------------


def serialise_resources(keys, locale):
    """Map each translation key with a live translation to its public item shape (the search
    result shape without "highlight"), shown in `locale` or else the other language."""
    items = {}
    for key, document in build_documents(keys).items():
        if document is not None:
            item = search_services._result({**document, "highlight": None}, locale)
            item.pop("highlight", None)
            items[key] = item
    return items


# --- Filtering -------------------------------------------------------------------------------


def _json_list_contains_any(field, values):
    """Rows whose JSON list `field` holds any of `values` (codes validated by parse_params).

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
    """Live resource pages matching `filters` (OR within a facet, AND across facets)."""
    pages = ResourcePage.objects.live()
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
    return pages


# --- Views -----------------------------------------------------------------------------------


@_with_params
def resource_list(request, params):
    """Resources newest first, one per work, in the requested language when it exists."""
    works = (
        filtered_resources(params.filters)
        .order_by()
        .values("translation_key")
        .annotate(published=Max("first_published_at"))
        .order_by(F("published").desc(nulls_last=True), "translation_key")
    )
    count = works.count()
    start = (params.page - 1) * params.page_size
    keys = [row["translation_key"] for row in works[start : start + params.page_size]]
    items = serialise_resources(keys, params.locale)
    return _json({"count": count, "results": [items[key] for key in keys if key in items]})


@_with_params
def resource_detail(request, params, pk):
    pk = _page_id(pk)
    page = ResourcePage.objects.live().filter(pk=pk).first() if pk is not None else None
    items = serialise_resources([page.translation_key], params.locale) if page else {}
    if not items:
        return _not_found(request, _("No published resource has this id."))
    item = items[page.translation_key]
    shown = page if page.pk == item["id"] else ResourcePage.objects.get(pk=item["id"])
    item["tags"] = sorted(shown.tags.names())
    item["editions"] = [
        {
            "language": block.value["language"],
            "url": block.value["url"],
            "format": block.value.get("media_format") or "",
            "title": block.value.get("title") or "",
        }
        for block in shown.details
        if block.block_type == "edition"
    ]
    return _json(item)


@_with_params
def category_list(request, params):
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=params.locale)
    results = [
        {
            "slug": category.slug,
            "title": category.title,
            "url": category.get_url(request),
            "resource_count": category.resource_count,
        }
        for category in services.categories_with_counts(locale)
    ]
    return _json({"count": len(results), "results": results})


def _public_collections():
    return Collection.objects.filter(is_public=True, owner__is_active=True).select_related("owner")


def _owner(user):
    """What the owner's privacy choices allow (users.public_identity): nothing unless they
    show their collections."""
    from users.public_identity import COLLECTION, public_name

    return public_name(user, COLLECTION)


def _collection(collection):
    return {
        "id": collection.pk,
        "name": collection.name,
        "description": collection.description,
        "owner": _owner(collection.owner),
        "url": reverse("library_collection", args=[collection.pk]),
    }


@_with_params
def collection_list(request, params):
    collections = _public_collections().order_by("-created_at", "-pk")
    start = (params.page - 1) * params.page_size
    page = collections[start : start + params.page_size]
    return _json({"count": collections.count(), "results": [_collection(c) for c in page]})


@_with_params
def collection_detail(request, params, pk):
    pk = _page_id(pk)
    collection = _public_collections().filter(pk=pk).first() if pk is not None else None
    if collection is None:
        return _not_found(request, _("No public collection has this id."))
    entries = list(collection.items.values_list("translation_key", "position"))  # never notes
    resources = serialise_resources([key for key, _position in entries], params.locale)
    data = _collection(collection)
    data["items"] = [
        {"resource": resources[key], "position": position}
        for key, position in entries
        if key in resources
    ]
    return _json(data)


# --- OpenAPI ---------------------------------------------------------------------------------


def openapi_paths(result, error):
    """The OpenAPI path items of these endpoints, for search.api's schema document.

    `result` is the search result schema (its "highlight" is dropped) and `error` the 400 reply.
    """
    from search.api import _facet_parameter
    from search.engine import FACETS

    item = {**result, "properties": {**result["properties"]}}
    item["properties"].pop("highlight", None)
    detail = {
        **item,
        "properties": {
            **item["properties"],
            "tags": {"type": "array", "items": {"type": "string"}},
            "editions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        key: {"type": "string"} for key in ("language", "url", "format", "title")
                    },
                },
            },
        },
    }
    not_found = {**error, "description": "Unknown, unpublished or private"}
    locale = {"name": "locale", "in": "query", "schema": {"type": "string", "enum": ["en", "ar"]}}
    paging = [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {
            "name": "page_size",
            "in": "query",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": search_services.MAX_PAGE_SIZE,
            },
        },
    ]
    identifier = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}

    def listing(items):
        return {
            "type": "object",
            "properties": {
                "count": {"type": "integer"},
                "results": {"type": "array", "items": items},
            },
            "required": ["count", "results"],
        }

    def get(summary, parameters, schema, errors):
        return {
            "get": {
                "summary": summary,
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": schema}},
                    },
                    **errors,
                },
            }
        }

    collection = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "owner": {
                "type": ["string", "null"],
                "description": "Display name or username, null unless the member shows it.",
            },
            "url": {"type": "string"},
        },
    }
    collection_detail = {
        **collection,
        "properties": {
            **collection["properties"],
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"resource": item, "position": {"type": "integer"}},
                },
            },
        },
    }
    category = {
        "type": "object",
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "resource_count": {"type": "integer"},
        },
    }
    return {
        "/api/v1/resources/": get(
            "Published resources, newest first, one per work.",
            [
                locale,
                *[_facet_parameter(facet, f"Filter by {facet}.") for facet in FACETS],
                *paging,
            ],
            listing(item),
            {"400": error},
        ),
        "/api/v1/resources/{id}/": get(
            "One resource (either translation's id) in the requested language.",
            [identifier, locale],
            detail,
            {"400": error, "404": not_found},
        ),
        "/api/v1/categories/": get(
            "The categories in site order, with their resource counts in that language.",
            [locale],
            listing(category),
            {"400": error},
        ),
        "/api/v1/collections/": get(
            "Members' public collections, newest first.",
            [locale, *paging],
            listing(collection),
            {"400": error},
        ),
        "/api/v1/collections/{id}/": get(
            "One public collection with its resources in order (never personal notes).",
            [identifier, locale],
            collection_detail,
            {"400": error, "404": not_found},
        ),
    }
