"""Keeping packs: one built pack per source, language and content hash, in the default file
storage. A pack is rebuilt only when its source changes; the older file is then deleted."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Pack
from ..tasks import build_pack

STALLED_AFTER = datetime.timedelta(minutes=15)


def current_pack(source):
    """The kept Pack of `source` as it is now (any status), or None."""
    return Pack.objects.filter(
        kind=source.kind,
        source=source.ident,
        language=source.language,
        content_hash=source.content_hash(),
    ).first()


def _stalled(pack):
    """A failed build, or one that has been building for longer than any build takes (its
    worker was stopped): asking again starts it anew."""
    if pack.status == Pack.FAILED:
        return True
    return pack.created_at < timezone.now() - STALLED_AFTER


def request_pack(source):
    """Make sure the pack of `source` as it is now exists or is being built; return it."""
    pack = current_pack(source)
    if pack is not None and (pack.status == Pack.READY or not _stalled(pack)):
        return pack
    if pack is None:
        try:
            with transaction.atomic():
                pack = Pack.objects.create(
                    kind=source.kind,
                    source=source.ident,
                    language=source.language,
                    content_hash=source.content_hash(),
                )
        except IntegrityError:  # asked for twice at once: the first request builds it
            return current_pack(source)
    else:
        Pack.objects.filter(pk=pack.pk).update(status=Pack.BUILDING, created_at=timezone.now())
    build_pack.enqueue(pack.pk)
    pack.refresh_from_db()
    return pack
