"""/api/v1/: the Ninja routes, then a JSON 404 for any other path under the prefix."""

from django.urls import URLResolver, include, path, re_path

from . import views
from .api import api


def _csrf_checked(patterns):
    """Ninja marks its views CSRF-exempt (it checks CSRF in its own auth). This API is
    anonymous and GET-only, so Django's own check stays on: a POST is refused before it
    reaches a route, and no view of the site is exempt without a reason."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _csrf_checked(pattern.url_patterns)
        else:
            pattern.callback.csrf_exempt = False
    return patterns


# Not unpacked into `app_name`: a module-level app_name would namespace this whole URLconf.
_ninja_patterns, _ninja_app, _ninja_namespace = api.urls

urlpatterns = [
    path("", views.api_index, name="api_index"),  # before ninja's own root, which would 404
    path("", include((_csrf_checked(_ninja_patterns), _ninja_app), namespace=_ninja_namespace)),
    re_path(r"^.*$", views.api_not_found),
]
