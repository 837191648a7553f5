"""Keep the index current: page signals record the changed resource in the outbox inside the
same transaction, and after commit the batch is indexed (engine and database fallback).

If the engine is down the outbox rows stay, and the next successful indexing run, or
`manage.py search_index sync`, replays them; nothing is lost.

Other parts of the site that change what a resource's document holds without publishing a
page (ratings written with queryset.update(), for instance) call `resource_changed(key)`.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import database, engine
from .documents import build_documents
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)
REPLAY_BATCH = 500
RATING_FIELDS = {"rating_count", "rating_sum", "rating_average", "rating_bayesian"}
_pending = threading.local()


def resource_changed(translation_key):
    """Record that a resource's document is stale; it is reindexed after the commit."""
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(translation_key=translation_key)], ignore_conflicts=True
    )
    # One batch per transaction: reuse the batch while its callback still waits for this
    # transaction's commit (a rolled-back block discards the callback, so check, not assume).
    batch = getattr(_pending, "batch", None)
    connection = transaction.get_connection()
    if (
        batch is not None
        and connection.in_atomic_block
        and any(entry[1] is batch.flush for entry in connection.run_on_commit)
    ):
        batch.keys.add(translation_key)
        return
    batch = _pending.batch = _Batch({translation_key})
    transaction.on_commit(batch.flush)


class _Batch:
    def __init__(self, keys):
        self.keys = keys

    def flush(self):
        if getattr(_pending, "batch", None) is self:
            _pending.batch = None
        try:
            update(self.keys)
        except Exception:  # never break the request that published; the outbox keeps the keys
            logger.exception(
                "search indexing failed; %d updates wait in the outbox", len(self.keys)
            )


def update(keys):
    """Reindex `keys` now, then replay whatever else waits in the outbox.

    The database fallback is written first (it is always available); engine failures leave the
    keys in the outbox and return False.
    """
    keys = set(keys)
    if keys:
        documents = build_documents(keys)
        database.store(documents)
        if not _send_to_engine(documents):
            return False
    return replay()


def replay(limit=None):
    """Index resources waiting in the outbox, in batches; False if the engine refused."""
    done = 0
    while limit is None or done < limit:
        keys = list(
            PendingIndexUpdate.objects.order_by("pk").values_list("translation_key", flat=True)[
                :REPLAY_BATCH
            ]
        )
        if not keys:
            return True
        documents = build_documents(keys)
        database.store(documents)
        if not _send_to_engine(documents):
            return False
        done += len(keys)
    return True


def _send_to_engine(documents):
    if engine.configured():
        try:
            engine.ensure_index()
            engine.bulk_index(documents)
        except Exception as error:  # noqa: BLE001 - any engine failure means "try later"
            logger.warning(
                "search engine unavailable, %d updates queued: %s", len(documents), error
            )
            PendingIndexUpdate.objects.bulk_create(
                [PendingIndexUpdate(translation_key=key) for key in documents],
                ignore_conflicts=True,
            )
            return False
    PendingIndexUpdate.objects.filter(translation_key__in=list(documents)).delete()
    return True


def _is_resource(page):
    from library.models import ResourcePage

    return isinstance(page, ResourcePage) or (
        getattr(page, "specific_class", None) is not None
        and issubclass(page.specific_class, ResourcePage)
    )


def _on_page_change(sender, instance, **kwargs):
    if _is_resource(instance):
        resource_changed(instance.translation_key)


def _on_resource_save(sender, instance, update_fields=None, **kwargs):
    # Publishing is covered by page_published; this catches rating changes saved with
    # update_fields, which publish nothing.
    if update_fields and RATING_FIELDS.intersection(update_fields):
        resource_changed(instance.translation_key)


def connect():
    from library.models import ResourcePage

    for signal in (page_published, page_unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"search-{id(signal)}")
    post_page_move.connect(_on_page_change, dispatch_uid="search-move")
    post_delete.connect(_on_page_change, sender=ResourcePage, dispatch_uid="search-delete")
    post_save.connect(_on_resource_save, sender=ResourcePage, dispatch_uid="search-rating")
