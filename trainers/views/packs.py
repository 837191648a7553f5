"""Offline packs: the page that shows a pack's size before download (and asks for it to be
built), the download itself, and the page that publishes the site's signing key."""

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from .. import signing
from ..models import Pack
from ..packs.sources import PackError, load
from ..packs.store import current_pack, request_pack


def _source(request, kind, ident):
    return load(kind, ident, request.LANGUAGE_CODE, request.user)


@require_http_methods(["GET", "POST"])
def pack_page(request, kind, ident):
    try:
        source = _source(request, kind, ident)
    except PackError as error:
        return render(request, "trainers/pack_page.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        request_pack(source)
        return redirect(request.path)
    return render(
        request,
        "trainers/pack_page.html",
        {"source": source, "pack": current_pack(source), "signed": signing.has_key()},
    )


def pack_download(request, kind, ident):
    try:
        source = _source(request, kind, ident)
    except PackError:
        return redirect("trainers_pack", kind=kind, ident=ident)
    pack = current_pack(source)
    if pack is None or pack.status != Pack.READY:
        return redirect("trainers_pack", kind=kind, ident=ident)
    name = f"tasharuk-{kind}-{slugify(source.title) or ident}-{source.language}.zip"
    return FileResponse(default_storage.open(pack.file, "rb"), as_attachment=True, filename=name)


def signing_key(request):
    public = signing.public_key()
    return render(
        request,
        "trainers/signing_key.html",
        {
            "public": public,
            "key_id": signing.key_id(public) if public else "",
            "fingerprint": signing.fingerprint(public) if public else "",
        },
    )
