"""/api/v1/: the Ninja routes, then a JSON 404 for any other path under the prefix."""

from django.urls import path, re_path

from . import views
from .api import api

urlpatterns = [
    path("", api.urls),
    re_path(r"^.*$", views.api_not_found),
]
