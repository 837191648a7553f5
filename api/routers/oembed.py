"""oEmbed provider (JSON) for resource pages, so other sites and CMSs can unfurl them."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Router

from .. import schemas
from ..resolving import resource_page_for_url

router = Router()
DEFAULT_WIDTH, DEFAULT_HEIGHT = 600, 240


def unsupported_format(request, errors):
    """oEmbed answers a format it does not provide with 501 (the typed parameter refused it)."""
    if any(tuple(error.get("loc", ()))[:2] == ("query", "format") for error in errors):
        return {"error": _("Only the JSON format is provided.")}
    return None


@router.get(
    "",
    response={200: schemas.OEmbed, 400: schemas.Error, 404: schemas.Error, 501: schemas.Error},
    summary="oEmbed (JSON) for a resource page's URL on this site.",
    operation_id="oembed",
    url_name="oembed",
)
def oembed(
    request,
    url: schemas.OEmbedUrlParam,
    format: schemas.OEmbedFormatParam = None,
    maxwidth: schemas.OEmbedSizeParam = None,
    maxheight: schemas.OEmbedSizeParam = None,
):
    page = resource_page_for_url(request, url)
    if page is None:
        raise Http404(_("This address is not a published resource of this site."))
    width = min(DEFAULT_WIDTH, maxwidth or DEFAULT_WIDTH)
    height = min(DEFAULT_HEIGHT, maxheight or DEFAULT_HEIGHT)
    language = page.locale.language_code
    with override(language):
        html = render_to_string(
            "api/oembed.html",
            {"page": page, "url": page.get_full_url(request), "language": language},
        )
        provider = _("Tasharuk")
    answer = {
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": provider,
        "provider_url": request.build_absolute_uri("/"),
        "cache_age": 3600,
        "html": html.strip(),
        "width": width,
        "height": height,
    }
    if page.author:
        answer["author_name"] = page.author
    return answer
