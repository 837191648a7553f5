"""Full rebuild: a new versioned index filled in bulk, then one atomic alias swap, so searches
keep answering from the old index until the new one is complete (zero downtime).

The work is pipelined: this thread reads the database and builds each batch's documents while
a writer thread stores the previous batch in the database fallback and sender threads hand
batches to the engine. At 100,000 resources the rebuild takes about 115 s on two cores (the
engine alone about 90 s; docs/benchmarks/search.md), where doing the three steps one after the
other took more than three minutes.
"""

from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.utils import timezone

from . import concept_tags, database, engine, indexing
from .documents import build_documents, live_translation_keys
from .models import SearchDocument

CHUNK = 1000
SENDERS = 2  # bulk requests in flight: the engine indexes them on its write threads in parallel


def _chunks(keys):
    batch = []
    for key in keys.iterator(chunk_size=CHUNK):
        batch.append(key)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _close_connection():
    connection.close()  # looked up when called: the calling thread's own connection


class _Pipeline:
    """Run `database.store` and `engine.bulk_index` for each batch off this thread, with at
    most one store and SENDERS bulk requests pending; `drain()` waits for all and re-raises."""

    def __init__(self, new_index, with_database):
        self.new_index = new_index
        self.with_database = with_database
        # Another connection cannot see a caller's uncommitted rows (and could wait on its
        # locks): inside a transaction, store on this thread instead. SQLite (development)
        # allows one writer while this thread's read cursor is open, so it stores here too.
        self.threaded_store = (
            connection.vendor == "postgresql" and not transaction.get_connection().in_atomic_block
        )
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-store")
        self.senders = ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="search-bulk")
        self.storing = None
        self.sending = deque()

    def put(self, documents):
        if self.with_database:
            if self.threaded_store:
                if self.storing:
                    self.storing.result()
                self.storing = self.writer.submit(database.store, documents)
            else:
                database.store(documents)
        if self.new_index:
            while len(self.sending) >= SENDERS:
                self.sending.popleft().result()
            live = {key: doc for key, doc in documents.items() if doc is not None}
            self.sending.append(self.senders.submit(engine.bulk_index, live, self.new_index, True))

    def drain(self):
        try:
            if self.storing:
                self.storing.result()
            while self.sending:
                self.sending.popleft().result()
        finally:
            if self.threaded_store:  # the writer thread's own database connection
                self.writer.submit(_close_connection).result()
            self.writer.shutdown(cancel_futures=True)
            self.senders.shutdown(cancel_futures=True)


def rebuild(progress=None, with_database=True):
    """Rebuild the engine index (if configured) and the database fallback; returns the count."""
    from library.models import ResourcePage

    started = timezone.now()
    keys = live_translation_keys()
    new_index = engine.create_index(for_rebuild=True) if engine.configured() else None
    seen = 0
    pipeline = _Pipeline(new_index, with_database)
    try:
        try:
            for batch in _chunks(keys):
                pipeline.put(build_documents(batch, consecutive=True))
                seen += len(batch)
                if progress:
                    progress(len(batch))
        finally:
            pipeline.drain()
    except BaseException:
        if new_index:  # a half-filled index is of no use; the alias still has the old one
            engine.client().indices.delete(index=new_index, ignore_unavailable=True)
        raise
    if new_index:
        engine.finish_rebuild(new_index)
        engine.swap_alias(new_index)
    if with_database:
        live = set(str(key) for key in keys)
        stale = [
            key
            for key in SearchDocument.objects.values_list("translation_key", flat=True)
            if str(key) not in live
        ]
        SearchDocument.objects.filter(translation_key__in=stale).delete()
        # The rows were tagged with the stored concept queries as they were written; this
        # brings those queries in line with the vocabulary (nothing to do when they were).
        concept_tags.sync()
        database.clean_word_index()
    # Resources published while the new index was being filled: index them again, then replay.
    changed = set(
        ResourcePage.objects.filter(last_published_at__gte=started).values_list(
            "translation_key", flat=True
        )
    )
    indexing.update(changed)
    return seen
