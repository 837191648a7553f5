"""Members' public collections (never private ones, never personal notes)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Router

from search import services as search

from .. import members, schemas, tool_warnings
from ..params import parse

router = Router()


def _collection(collection):
    return {
        "id": collection.pk,
        "name": collection.name,
        "description": collection.description,
        "owner": members.owner_name(collection.owner),
        "url": reverse("community_collection", args=[collection.pk]),
    }


@router.get(
    "",
    response={200: schemas.CollectionList, 400: schemas.Error},
    summary="Members' public collections, newest first.",
    operation_id="list_collections",
    url_name="collections",
)
def list_collections(
    request,
    locale: schemas.LocaleParam = None,
    page: schemas.PageParam = None,
    page_size: schemas.PageSizeParam = None,
):
    params = parse(request)
    with override(params.locale):
        collections = members.public_collections()
        start = (params.page - 1) * params.page_size
        shown = collections[start : start + params.page_size]
        return {"count": collections.count(), "results": [_collection(c) for c in shown]}


@router.get(
    "{id}/",
    response={200: schemas.CollectionDetail, 400: schemas.Error, 404: schemas.Error},
    summary="One public collection with its resources in order (never personal notes).",
    operation_id="get_collection",
    url_name="collection",
    exclude_unset=True,
)
def get_collection(request, id: int, locale: schemas.LocaleParam = None):
    params = parse(request)
    with override(params.locale):
        collection = members.public_collection(id) if 0 < id < 10**12 else None
        if collection is None:
            raise Http404(_("No public collection has this id."))
        entries = members.collection_entries(collection)
        resources = search.resource_items([key for key, _position in entries], params.locale)
        tool_warnings.attach(resources.values(), params.locale)
        return {
            **_collection(collection),
            "items": [
                {"resource": resources[key], "position": position}
                for key, position in entries
                if key in resources
            ],
        }
