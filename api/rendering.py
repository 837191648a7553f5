"""How the API writes its answers: JSON with Arabic as itself, as application/json."""

import json

from django.http import HttpResponse
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

CONTENT_TYPE = "application/json"  # JSON is UTF-8 by definition (RFC 8259)


class UnicodeJSONRenderer(JSONRenderer):
    """Arabic as itself, not \\u escapes: half of every answer is Arabic text."""

    def render(self, request, data, *, response_status):
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


def json_response(request, data, status=200):
    """`data` rendered as the API renders every answer (for a route that returns a response
    itself instead of data for its schema to check)."""
    body = UnicodeJSONRenderer().render(request, data, response_status=status)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPE)
