"""Resources: the latest works (filtered like search) and one resource with tags and editions."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Router

from library import services as library
from search import services as search

from .. import schemas, tool_warnings
from ..params import parse

router = Router()
ID = r"\d{1,12}"


@router.get(
    "",
    response={200: schemas.ResourceList, 400: schemas.Error},
    summary="Published resources, newest first, one per work.",
    operation_id="list_resources",
    url_name="resources",
    exclude_unset=True,
)
def list_resources(
    request,
    locale: schemas.LocaleParam = None,
    category: schemas.CategoryParam = None,
    language: schemas.LanguageParam = None,
    format: schemas.FormatParam = None,
    region: schemas.RegionParam = None,
    license: schemas.LicenseParam = None,
    level: schemas.LevelParam = None,
    audience: schemas.AudienceParam = None,
    max_minutes: schemas.MaxMinutesParam = None,
    publisher: schemas.PublisherParam = None,
    warning: schemas.WarningParam = None,
    page: schemas.PageParam = None,
    page_size: schemas.PageSizeParam = None,
):
    params = parse(request)
    count, keys = library.latest_works(
        tool_warnings.narrowed(params.filters),
        (params.page - 1) * params.page_size,
        params.page_size,
    )
    items = search.resource_items(keys, params.locale)
    results = tool_warnings.attach([items[key] for key in keys if key in items], params.locale)
    return {"count": count, "results": results}


@router.get(
    "{id}/",
    response={200: schemas.ResourceDetail, 400: schemas.Error, 404: schemas.Error},
    summary="One resource (either translation's id) in the requested language.",
    operation_id="get_resource",
    url_name="resource",
    exclude_unset=True,
)
def get_resource(request, id: int, locale: schemas.LocaleParam = None):
    params = parse(request)
    with override(params.locale):
        page = library.live_resource(id) if 0 < id < 10**12 else None
        items = search.resource_items([page.translation_key], params.locale) if page else {}
        if not items:
            raise Http404(_("No published resource has this id."))
        item = items[page.translation_key]
        shown = page if page.pk == item["id"] else library.live_resource(item["id"])
        tool_warnings.attach([item], params.locale)
        return {**item, **library.resource_tags_and_editions(shown)}
