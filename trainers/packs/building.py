"""Building a pack: the background task's work (trainers.tasks.build_pack), from the pack's
source as it is now, keeping one file per source and language."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..models import Pack
from .build import build_zip
from .sources import load


def build(pack_id):
    """Build pack `pack_id` from its source as it is now (the background task's work)."""
    pack = Pack.objects.get(pk=pack_id)
    try:
        source = load(pack.kind, pack.source, pack.language)
        if source.content_hash() != pack.content_hash:
            # Changed since it was asked for: the page will ask for the new pack.
            pack.delete()
            return None
        data = build_zip(source)
    except Exception:
        Pack.objects.filter(pk=pack.pk).update(status=Pack.FAILED)
        raise
    name = default_storage.save(
        f"packs/{pack.kind}/{pack.content_hash[:16]}-{pack.language}.zip", ContentFile(data)
    )
    Pack.objects.filter(pk=pack.pk).update(status=Pack.READY, file=name, size=len(data))
    for old in Pack.objects.filter(
        kind=pack.kind, source=pack.source, language=pack.language
    ).exclude(pk=pack.pk):
        if old.file:
            default_storage.delete(old.file)
        old.delete()
    return name
