"""/s/<code>: stable short links. Nothing about the visit is recorded."""

from django.http import Http404, HttpResponseRedirect

from .. import shortlinks


def short_link(request, code):
    """/s/<code>: to the resource in the reader's language, or to a public collection.
    Nothing about the visit is recorded."""
    from django.utils.translation import get_language_from_request

    target = shortlinks.resolve_short_code(code, get_language_from_request(request))
    if target is None:
        raise Http404
    return HttpResponseRedirect(target)
