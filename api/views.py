"""Plain Django views of the api app: the API's front door and its JSON 404."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .api import keep_json_404


def api_not_found(request, *args, **kwargs):
    """Any path under /api/v1/ that no route answers: a JSON 404, never a redirect or a page."""
    keep_json_404(request)
    return JsonResponse({"error": _("Not found.")}, status=404)


@require_GET
def api_index(request):
    """/api/v1/ itself: where the schema and the docs are."""
    return JsonResponse(
        {"schema": reverse("api-v1:openapi-json"), "docs": reverse("api-v1:openapi-view")}
    )
