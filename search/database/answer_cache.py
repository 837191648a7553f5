"""The fallback's answers cached under the rows' version (search.database._cached)."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from ..match_rows import VERSION_SEQUENCE


def _cache_seconds():
    # Inside a transaction a search may see its own uncommitted writes: never cached.
    if connection.in_atomic_block:
        return 0
    return settings.TASHARUK_SEARCH.get("FALLBACK_CACHE_SECONDS", 0)


def _cache_key(key_parts):
    """The cache key of `key_parts` under the fallback rows' current version (None when the
    fallback's answers are not cached); see _cached."""
    if not _cache_seconds():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value, is_called FROM {VERSION_SEQUENCE}")
        version = cursor.fetchone()
    digest = hashlib.sha256(json.dumps([*key_parts, version]).encode()).hexdigest()
    return f"search:fallback:{digest}"


def _cache_get(key):
    return None if key is None else cache.get(key)


def _cache_set(key, value):
    if key is not None:
        cache.set(key, value, _cache_seconds())


def _cached(key_parts, compute):
    """`compute()`, remembered for TASHARUK_SEARCH["FALLBACK_CACHE_SECONDS"] (0: never) under
    `key_parts` and the fallback rows' version.

    The triggers that keep the narrow rows advance the version sequence with every change, so
    an entry is never read after a change that committed before the search started. A search
    racing a change may store an answer from just before it under the new version: the
    timeout bounds how long that can show."""
    key = _cache_key(key_parts)
    found = _cache_get(key)
    if found is None:
        found = compute()
        _cache_set(key, found)
    return found
