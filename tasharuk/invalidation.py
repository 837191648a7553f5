"""How every process forgets cached content at once when it changes: generation numbers kept
in the shared cache, which the keys of cached content include.

Publishing (or unpublishing, moving, saving a model listed in TASHARUK_PUBLIC_CACHE
["CLEARED_BY"]) advances a generation; from then on every process, on every machine, builds
its keys with the new number, so the entries made before are never read again and expire on
their own. Nothing has to be deleted, and no process has to be told.

Two generations:
- PAGES: anonymous pages, the menu, the footer and home addresses. Advanced by publishing and
  by every model in CLEARED_BY (ratings, comments, link health, the footer, …).
- PUBLICATION: what only publishing changes and is costly to recompute (resource counts per
  category, category titles). Ratings and comments leave it alone.

A generation starts from the clock (microseconds), not from 1: if its key is ever lost
(evicted, or the server restarted), the new number cannot match one that older entries still
carry. While the shared cache server is away, the default cache counts in the process
(tasharuk/shared_cache.py), so a publish reaches only its own process until the server is
back; cached entries' lifetimes bound how long others may show the old content.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from . import local_copies
from .request_memo import forget, remembered

PAGES = "pages"
PUBLICATION = "publication"


def _key(name):
    return f"generation:{name}"


def current(name):
    """The generation `name` now has (made when missing), read once per request."""
    return remembered(_key(name), lambda: _current(name))


def _current(name):
    value = cache.get(_key(name))
    if value is None:
        cache.add(_key(name), time.time_ns() // 1000, None)
        value = cache.get(_key(name))
    return value if value is not None else 0


def kept(name, key, compute, seconds):
    """`compute()`, kept in the shared cache for `seconds` under generation `name` (PAGES or
    PUBLICATION): once that generation advances, every process computes it afresh. `key` names
    the value among the others kept (a string); with `seconds` 0, nothing is kept.

    The menu, category counts and titles, a category's ordered resources and the current tool
    warnings are kept this way: each is costly to read on every request and changes only when
    its generation does. The process also keeps its own copy until the same deadline
    (tasharuk.local_copies), so a value is read from the shared cache once per process, not
    once per request: callers share the value and must not change it."""
    if seconds <= 0:
        return compute()
    generation = current(name)
    cache_key = f"kept:{name}:{generation}:{key}"
    # Generation 0: no cache at all holds the generations, so a change could not be seen.
    found, value = local_copies.copies.get(cache_key) if generation else (False, None)
    if found:
        return value
    stored = cache.get(cache_key)
    if not isinstance(stored, tuple) or len(stored) != 2:
        # With the time it was computed, so that every copy ends when the shared one does; in
        # a tuple, so that a value of None is kept too.
        stored = (compute(), time.time())
        cache.set(cache_key, stored, seconds)
    value, computed_at = stored
    if generation:
        local_copies.copies.put(cache_key, value, computed_at + seconds)
    return value


def kept_for_live_page(request, page, part, compute, name=PAGES):
    """`compute()` for a live Wagtail `page` as the public sees it, kept (see `kept`) under
    generation `name` for TASHARUK_PUBLIC_CACHE["PAGE_PARTS_SECONDS"] per page, language and
    host. A preview (a draft's title, a page not yet saved) is computed afresh and never kept."""
    if getattr(request, "is_preview", False) or not page.pk or not page.live:
        return compute()
    return kept(
        name,
        f"{part}:{page.pk}:{get_language()}:{request.get_host()}",
        compute,
        settings.TASHARUK_PUBLIC_CACHE["PAGE_PARTS_SECONDS"],
    )


def _advance_now(name):
    forget()  # this request must not keep reading the old number
    try:
        cache.incr(_key(name))
    except ValueError:  # never made, or lost: a fresh number from the clock
        cache.set(_key(name), time.time_ns() // 1000, None)


def advance(name):
    """Move `name` to a new generation: every process stops reading older entries.

    Done at once and again after the current transaction commits: a process that reads the
    old rows between the two and caches them does so under the first new number, which the
    second leaves behind."""
    _advance_now(name)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _advance_now(name))


def pages_changed(**_signal_arguments):
    """Signal receiver: cached pages and the site chrome are out of date."""
    advance(PAGES)


def publication_changed(**_signal_arguments):
    """Signal receiver: a page was published, unpublished or moved."""
    advance(PAGES)
    advance(PUBLICATION)


def connect():
    """Advance the generations when pages are published, unpublished, moved or deleted, or a
    model named in CLEARED_BY ("app_label.ModelName") is saved or deleted, in any process:
    web workers, task workers and management commands alike (called from home.apps)."""
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(publication_changed, dispatch_uid=f"generations-{id(signal)}")
    # Deleting pages fires post_delete for the base Page row of each.
    post_delete.connect(publication_changed, sender=Page, dispatch_uid="generations-page-delete")
    # A view restriction takes its pages out of every listing and count (library.visibility),
    # as unpublishing does.
    for signal in (post_save, post_delete):
        signal.connect(
            publication_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"generations-restriction-{id(signal)}",
        )
    for label in settings.TASHARUK_PUBLIC_CACHE["CLEARED_BY"]:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                pages_changed, sender=model, dispatch_uid=f"generations-{label}-{id(signal)}"
            )
