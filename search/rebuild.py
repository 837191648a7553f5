"""Full rebuild: a new versioned index filled in bulk, then one atomic alias swap, so searches
keep answering from the old index until the new one is complete (zero downtime)."""

from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone

from . import database, engine, indexing
from .documents import build_documents, live_translation_keys
from .models import SearchDocument

CHUNK = 1000


def _chunks(keys):
    batch = []
    for key in keys.iterator(chunk_size=CHUNK):
        batch.append(key)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(progress=None, with_database=True):
    """Rebuild the engine index (if configured) and the database fallback; returns the count."""
    from library.models import ResourcePage

    started = timezone.now()
    keys = live_translation_keys()
    new_index = None
    if engine.configured():
        new_index = engine.create_index()
        engine.client().indices.put_settings(
            index=new_index, body={"index": {"refresh_interval": "-1"}}
        )
    seen = 0
    # Documents are built here (this thread holds the database connection) while a worker
    # thread sends the previous batch to the engine.
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending = None
        for batch in _chunks(keys):
            documents = build_documents(batch)
            if with_database:
                database.store(documents)
            if new_index:
                if sending:
                    sending.result()
                live_documents = {k: d for k, d in documents.items() if d is not None}
                sending = sender.submit(engine.bulk_index, live_documents, new_index, True)
            seen += len(batch)
            if progress:
                progress(len(batch))
        if sending:
            sending.result()
    if new_index:
        engine.client().indices.put_settings(
            index=new_index, body={"index": {"refresh_interval": "1s"}}
        )
        engine.client().indices.refresh(index=new_index)
        engine.swap_alias(new_index)
    if with_database:
        live = set(str(key) for key in keys)
        stale = [
            key
            for key in SearchDocument.objects.values_list("translation_key", flat=True)
            if str(key) not in live
        ]
        SearchDocument.objects.filter(translation_key__in=stale).delete()
    # Resources published while the new index was being filled: index them again, then replay.
    changed = set(
        ResourcePage.objects.filter(last_published_at__gte=started).values_list(
            "translation_key", flat=True
        )
    )
    indexing.update(changed)
    return seen
