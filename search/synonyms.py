"""Keep the engine's synonyms in step with the vocabulary without a manual rebuild.

The synonym rules live in the index settings, and the engine reloads analyzers only through a
plugin OpenSearch's minimal distribution does not ship (verified on 3.6: no
`_plugins/_refresh_search_analyzers`). So after a concept is saved or deleted, a new index
version with the new rules is filled and swapped behind the alias once the transaction commits
(a background thread; searches keep answering from the old version meanwhile). Several saves in
a row (an import) cost one or two rebuilds, not one each. The database fallback reads the
vocabulary at query time; on PostgreSQL the same thread re-tags its rows with the changed
concepts (search.concept_tags), and until then it matches those concepts by their forms.
"""

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from . import concept_tags, engine

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_worker = {"running": False, "again": False}


def is_current():
    """True when the index behind the alias was built with the vocabulary's current rules (and
    the current index layout)."""
    return engine.index_vocabulary() == engine.index_fingerprint()


def refresh():
    """Rebuild the engine index if its synonym rules are out of date (True if it rebuilt),
    then re-tag the PostgreSQL fallback's rows with the changed concepts, even when the engine
    could not be reached (the fallback answers then)."""
    from .rebuild import rebuild

    try:
        if not engine.configured() or is_current():
            return False
        rebuild(with_database=False)
        return True
    finally:
        concept_tags.sync()


def vocabulary_changed(**kwargs):
    """Signal receiver: refresh the engine's synonyms once the change is committed."""
    transaction.on_commit(_after_commit)


def _after_commit():
    if not engine.configured() and connection.vendor != "postgresql":
        return
    if settings.TASHARUK_SEARCH.get("VOCABULARY_REFRESH_INLINE"):
        _refresh_logged()
        return
    with _lock:
        if _worker["running"]:
            _worker["again"] = True  # the running rebuild may have read the old rules
            return
        _worker["running"] = True
    # Not a daemon: a command that saved concepts (an import) waits for the new index at exit
    # rather than leaving a half-filled one behind.
    threading.Thread(target=_work, name="search-synonyms", daemon=False).start()


def _refresh_logged():
    try:
        refresh()
    except Exception:  # the old index keeps answering; `search_index sync` retries
        logger.exception("rebuilding the search index for the new vocabulary failed")


def _work():
    try:
        while True:
            _refresh_logged()
            with _lock:
                if not _worker["again"]:
                    _worker["running"] = False
                    return
                _worker["again"] = False
    finally:
        connection.close()  # this thread's own database connection


def connect():
    from vocabulary.models import Concept

    post_save.connect(vocabulary_changed, sender=Concept, dispatch_uid="search-vocabulary-save")
    post_delete.connect(vocabulary_changed, sender=Concept, dispatch_uid="search-vocabulary-delete")
