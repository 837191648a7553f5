"""Helpers for pack tests: a public collection of resources, and a pack built over HTTP."""

import io
import zipfile

from community.models import Collection, CollectionItem
from tests.factories import ResourcePageFactory

from .conftest import make_member


def public_collection(resources=3, owner=None, public=True, name="Safety kit"):
    owner = owner or make_member()
    collection = Collection.objects.create(owner=owner, name=name, is_public=public)
    pages = [ResourcePageFactory() for _ in range(resources)]
    for position, page in enumerate(pages):
        CollectionItem.objects.create(
            collection=collection,
            translation_key=page.translation_key,
            position=position,
            note="private note of the owner",
        )
    return collection, pages


def download_pack(client, lang, kind, ident):
    """Ask for the pack over HTTP (the task runs at once in tests) and download it."""
    page_url = f"/{lang}/packs/{kind}/{ident}/"
    assert client.post(page_url).status_code == 302
    page = client.get(page_url)
    assert page.status_code == 200
    response = client.get(page_url + "download/")
    assert response.status_code == 200, response
    data = b"".join(response.streaming_content)
    return page.content.decode(), data


def unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
