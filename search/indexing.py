"""Keep the index current: page signals record the changed resource in the outbox inside the
same transaction, and after commit the batch is indexed (engine and database fallback).

If the engine is down the outbox rows stay, and the next successful indexing run, or
`manage.py search_index sync`, replays them; nothing is lost.

Other parts of the site that change what a resource's document holds without publishing a
page (ratings written with queryset.update(), for instance) call `resource_changed(key)`.

Whether a resource may have a public document at all is library.visibility's rule, which also
depends on Wagtail view restrictions and on the containers above the page. Wagtail sends no
publish signal when a restriction is added or removed, so PageViewRestriction's own save and
delete signals reindex every work at or below the restricted page (its document is dropped,
or comes back); unpublishing or republishing a container does the same for the works below it.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import database, engine
from .documents import build_documents
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger(__name__)
REPLAY_BATCH = 500
RATING_FIELDS = {"rating_count", "rating_sum", "rating_average", "rating_bayesian"}
_pending = threading.local()


def resource_changed(translation_key):
    """Record that a resource's document is stale; it is reindexed after the commit."""
    resources_changed([translation_key])


def resources_changed(translation_keys):
    """Record that these resources' documents are stale; they are reindexed after the commit."""
    keys = set(translation_keys)
    if not keys:
        return
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(translation_key=key) for key in keys],
        ignore_conflicts=True,
        batch_size=1000,
    )
    # One batch per transaction: reuse the batch while its callback still waits for this
    # transaction's commit (a rolled-back block discards the callback, so check, not assume).
    # `==`, not `is`: each `batch.flush` is a new bound-method object.
    batch = getattr(_pending, "batch", None)
    connection = transaction.get_connection()
    if (
        batch is not None
        and connection.in_atomic_block
        and any(entry[1] == batch.flush for entry in connection.run_on_commit)
    ):
        batch.keys.update(keys)
        return
    batch = _pending.batch = _Batch(keys)
    transaction.on_commit(batch.flush)


def forget_pending_batch():
    """Start the next change on a batch of its own. For code that runs this transaction's
    after-commit callbacks itself from a point on (a test's capture block): a batch whose
    callback was registered before that point would never be run there."""
    _pending.batch = None


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
    elif getattr(instance, "numchild", 0):
        _container_changed(instance, kwargs.get("signal"))


def _resource_keys_under(path):
    from library.models import ResourcePage

    return ResourcePage.objects.filter(path__startswith=path).values_list(
        "translation_key", flat=True
    )


def _container_changed(page, signal):
    """A page with children was published or unpublished: the resources below it may have
    become listed or hidden (library.visibility). Publishing a container that was live already
    (an edit of the home page) changes nothing, so only the live resources below it whose
    document lacks their language (pages below a container share its locale) are queued
    then, instead of every resource below it."""
    keys = _resource_keys_under(page.path)
    if signal is page_published:
        shown = SearchDocument.objects.filter(display__has_key=page.locale.language_code)
        keys = keys.filter(live=True).exclude(translation_key__in=shown.values("translation_key"))
    resources_changed(keys.distinct())


def _on_restriction_change(sender, instance, **kwargs):
    """A view restriction was added, changed or removed: every work at or below its page (in
    either language: library.visibility hides a work's translations together) is reindexed,
    so its public document is dropped, or comes back."""
    from wagtail.models import Page

    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:  # None: the page itself is being deleted, which reindexes it
        resources_changed(_resource_keys_under(path).distinct())


def _on_resource_save(sender, instance, update_fields=None, **kwargs):
    # Publishing is covered by page_published; this catches rating changes saved with
    # update_fields, which publish nothing.
    if update_fields and RATING_FIELDS.intersection(update_fields):
        resource_changed(instance.translation_key)


def connect():
    from wagtail.models import PageViewRestriction

    from library.models import ResourcePage

    for signal in (page_published, page_unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"search-{id(signal)}")
    post_page_move.connect(_on_page_change, dispatch_uid="search-move")
    post_delete.connect(_on_page_change, sender=ResourcePage, dispatch_uid="search-delete")
    post_save.connect(_on_resource_save, sender=ResourcePage, dispatch_uid="search-rating")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{id(signal)}",
        )
