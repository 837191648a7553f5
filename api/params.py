"""Reading the query string of an API call: one parser (the search gateway's) for every route.

Ninja checks the typed parameters first (so the OpenAPI document states them); this module then
reads them with search.services.parse_params, which gives the translated reasons the API has
always answered with, and refuses parameters a route does not know.
"""

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from search import services as search_services
from search.engine.ranking import FACETS

LISTING = {"locale", "page", "page_size", "publisher", *FACETS}
SEARCH = {"q", "sort", *LISTING}
# The parameters each route (by url_name) accepts; anything else is refused with a reason.
ACCEPTED = {
    "search": SEARCH,
    "search-autocomplete": {"q", "locale"},
    "resources": LISTING,
    "resource": {"locale"},
    "categories": {"locale"},
    "collections": {"locale", "page", "page_size"},
    "collection": {"locale"},
    "feeds": {"locale"},
    # oEmbed consumers add parameters of their own; the route reads only what it knows.
    "oembed": None,
}


class BadRequest(HttpError):
    """A 400 whose message is the reason shown to the client."""

    def __init__(self, message):
        super().__init__(400, str(message))


def accepted_parameters(request):
    match = getattr(request, "resolver_match", None)
    return ACCEPTED.get(match.url_name if match else None, SEARCH)


def parse(request):
    """SearchParams from the request's query string, or BadRequest with the reason."""
    accepted = accepted_parameters(request)
    unknown = sorted(set(request.GET) - set(accepted)) if accepted is not None else []
    if unknown:
        raise BadRequest(
            _("Unknown parameter “%(name)s”; this endpoint accepts: %(accepted)s.")
            % {"name": unknown[0][:50], "accepted": ", ".join(sorted(accepted))}
        )
    try:
        return search_services.parse_params(request.GET)
    except search_services.SearchParameterError as error:
        raise BadRequest(error) from None


def reason_for_invalid(request, errors):
    """The reason to give for parameters Ninja refused: the gateway's translated one when it
    also refuses them, otherwise Ninja's own first complaint."""
    if accepted_parameters(request) is not None:
        try:
            parse(request)
        except BadRequest as error:
            return error.message
    first = errors[0] if errors else {}
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "?"
    return f"“{where}”: {first.get('msg', _('invalid value'))}"
