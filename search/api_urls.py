"""Search endpoints of the public API, mounted at /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("search/", api.search_view, name="api-search"),
    path("search/autocomplete/", api.autocomplete_view, name="api-search-autocomplete"),
    path("schema/", api.schema_view, name="api-schema"),
]
