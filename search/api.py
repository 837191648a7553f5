"""The public search API (/api/v1/search/, autocomplete) and its OpenAPI schema."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from library.api import openapi_paths

from . import services
from .engine import FACETS


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _with_params(view):
    """Parse the search parameters for `view`; malformed ones answer 400 with the reason."""

    @require_GET
    def wrapper(request):
        try:
            params = services.parse_params(request.GET)
        except services.SearchParameterError as error:
            return JsonResponse({"error": str(error)}, status=400)
        return view(request, params)

    return wrapper


@_with_params
def search_view(request, params):
    response = services.search(
        params.query, params.locale, params.filters, params.sort, params.page, params.page_size
    )
    response.pop("took", None)
    return _json(response)


@_with_params
def autocomplete_view(request, params):
    return _json({"results": services.autocomplete(params.query, params.locale)})


@require_GET
def schema_view(request):
    return JsonResponse(openapi_schema())


def _facet_parameter(name, description):
    return {
        "name": name,
        "in": "query",
        "description": description + " Repeat the parameter to OR several values.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }


def openapi_schema():
    """A small hand-written OpenAPI 3.1 document for the search endpoints."""
    facet_bucket = {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
        },
        "required": ["value", "label", "count"],
    }
    result = {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "description": "Page id of the returned translation."},
            "url": {"type": "string"},
            "source_url": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "categories": {"type": "array", "items": {"type": "string"}},
            "languages": {"type": "array", "items": {"type": "string"}},
            "format": {"type": "string"},
            "regions": {"type": "array", "items": {"type": "string"}},
            "license": {"type": "string", "description": "SPDX identifier"},
            "rating": {
                "type": "object",
                "properties": {"average": {"type": "number"}, "count": {"type": "integer"}},
            },
            "highlight": {
                "type": "object",
                "description": "HTML-escaped fragments with matches in <mark>, or null.",
                "properties": {
                    "title": {"type": ["string", "null"]},
                    "snippet": {"type": ["string", "null"]},
                },
            },
        },
    }
    error = {
        "description": "Malformed parameter",
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
            }
        },
    }
    common = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}},
        {"name": "locale", "in": "query", "schema": {"type": "string", "enum": ["en", "ar"]}},
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tasharuk API", "version": "1"},
        "paths": {
            "/api/v1/search/": {
                "get": {
                    "summary": "Search resources in Arabic and English, with facets.",
                    "parameters": [
                        *common,
                        *[_facet_parameter(facet, f"Filter by {facet}.") for facet in FACETS],
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": services.SORTS},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": services.MAX_PAGE_SIZE,
                            },
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of results with facet counts.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "count": {"type": "integer"},
                                            "results": {"type": "array", "items": result},
                                            "facets": {
                                                "type": "object",
                                                "properties": {
                                                    facet: {"type": "array", "items": facet_bucket}
                                                    for facet in FACETS
                                                },
                                            },
                                            "notice": {
                                                "type": "string",
                                                "description": "Present when the search "
                                                "engine is down and the database answered.",
                                            },
                                            "suggestion": {
                                                "type": "object",
                                                "description": "Present when the query found "
                                                "little and another query finds more: a "
                                                "spelling correction or the same keys on the "
                                                "other keyboard layout (Arabic/Latin).",
                                                "properties": {
                                                    "query": {"type": "string"},
                                                    "reason": {
                                                        "type": "string",
                                                        "enum": ["keyboard", "spelling"],
                                                    },
                                                },
                                            },
                                        },
                                        "required": ["count", "results", "facets"],
                                    }
                                }
                            },
                        },
                        "400": error,
                    },
                }
            },
            "/api/v1/search/autocomplete/": {
                "get": {
                    "summary": "Titles matching the words typed so far.",
                    "parameters": common,
                    "responses": {
                        "200": {"description": "Up to eight {title, url}."},
                        "400": error,
                    },
                }
            },
            # Resources, categories and public collections (library/api.py).
            **openapi_paths(result, error),
        },
    }
