"""Plain Django views of the api app: the JSON 404 of the API prefix."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from .api import keep_json_404


def api_not_found(request, *args, **kwargs):
    """Any path under /api/v1/ that no route answers: a JSON 404, never a redirect or a page."""
    keep_json_404(request)
    return JsonResponse({"error": _("Not found.")}, status=404)
