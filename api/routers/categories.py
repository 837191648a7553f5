"""Categories in site order with their resource counts in the requested language."""

from ninja import Router
from wagtail.models import Locale

from library import services as library

from .. import schemas
from ..params import parse

router = Router()


@router.get(
    "",
    response={200: schemas.CategoryList, 400: schemas.Error},
    summary="The categories in site order, with their resource counts in that language.",
    operation_id="list_categories",
    url_name="categories",
)
def list_categories(request, locale: schemas.LocaleParam = None):
    params = parse(request)
    results = [
        {
            "slug": category.slug,
            "title": category.title,
            "url": category.get_url(request),
            "resource_count": category.resource_count,
        }
        for category in library.categories_with_counts(
            Locale.objects.get(language_code=params.locale)
        )
    ]
    return {"count": len(results), "results": results}
