"""Resource, category and collection endpoints of the public API, mounted at /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("resources/", api.resource_list, name="api-resources"),
    path("resources/<str:pk>/", api.resource_detail, name="api-resource"),
    path("categories/", api.category_list, name="api-categories"),
    path("collections/", api.collection_list, name="api-collections"),
    path("collections/<str:pk>/", api.collection_detail, name="api-collection"),
]
