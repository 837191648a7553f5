"""Search and autocomplete: the search gateway's answers, unchanged but for timing details."""

from ninja import Router

from search import services

from .. import schemas, tool_warnings
from ..params import parse
from ..rendering import json_response

router = Router()
ERRORS = {400: schemas.Error}


@router.get(
    "",
    response={200: schemas.SearchResults, **ERRORS},
    summary="Search resources in Arabic and English, with facets.",
    operation_id="search",
    url_name="search",
    exclude_unset=True,
)
def search(
    request,
    q: schemas.QueryParam = None,
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
    sort: schemas.SortParam = None,
    page: schemas.PageParam = None,
    page_size: schemas.PageSizeParam = None,
):
    params = parse(request)
    response = services.search(
        params.query, params.locale, params.filters, params.sort, params.page, params.page_size
    )
    response.pop("took", None)
    tool_warnings.attach(response["results"], params.locale)
    # Rendered as the service built it: the schema documents this shape, and checking a
    # hundred facet values and twenty results against it again took a fifth of a cached
    # search's time. tests/api/test_schema_fuzz.py holds answers to the schema.
    return json_response(request, response)


@router.get(
    "autocomplete/",
    response={200: schemas.Suggestions, **ERRORS},
    summary="Up to eight titles starting with the words typed so far.",
    operation_id="autocomplete",
    url_name="search-autocomplete",
)
def autocomplete(request, q: schemas.QueryParam = None, locale: schemas.LocaleParam = None):
    params = parse(request)
    return {"results": services.autocomplete(params.query, params.locale)}
