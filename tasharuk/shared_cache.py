"""The shared cache every process of the site uses (TASHARUK_CACHE_URL), and what it does when
its server goes away.

`SharedRedisCache` is Django's Redis cache backend with three changes:
- a server that cannot be reached (refused, timed out, restarting) is not an error for the
  request: one warning is logged (the error's kind only, never an address), and for a short
  back-off (RETRY_SECONDS, doubling while it keeps failing, at most MAX_RETRY_SECONDS) no
  request tries the server again, so a dead server does not add a connection timeout to every
  request. Meanwhile the cache behaves as its FALLBACK option says:
    "local"  every call goes to a small cache in this process's memory: rate limits go on
             counting, per process (looser than shared counting, never unlimited), and kept
             menus and counts are kept per process;
    "none"   nothing is kept: reads miss and writes are dropped, so pages are rendered afresh
             (the anonymous page cache uses this: a per-process copy could not be invalidated
             by a publish in another process).
  The first call after the back-off tries the server again; when it answers, it is used again
  (counts made in the meantime stay in the process and are not carried over).
- `clear()` deletes only this cache's keys (its KEY_PREFIX), never the whole database: the page
  cache and the rate limits share one server, and emptying one must not reset the other.
- short socket timeouts by default (CONNECT_TIMEOUT / TIMEOUT options below), for the same
  reason as the back-off.
It also keeps one redis-py client per connection pool (Django makes a new one for every call)
and counts a rate-limit window in one round trip (`count_in_window`).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("tasharuk.shared_cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 15.0
SOCKET_TIMEOUT_SECONDS = 0.5
# Keys a "local" fallback holds at most (rate-limit counters are tiny).
LOCAL_MAX_ENTRIES = 10_000


class _OneClientPerPool(RedisCacheClient):
    """Django's client maker, keeping the redis-py client it makes for each connection pool.

    Django builds a new `redis.Redis` for every cache call: about a tenth of a millisecond of
    Python each, and a search or a page makes several calls. A client is a thread-safe handle
    on its pool (it takes a connection per command), so one per pool serves every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    """Django's RedisCache that degrades instead of failing (see the module's docstring).

    Extra OPTIONS (the rest go to redis-py's connection pool, as with RedisCache):
    FALLBACK ("local" or "none"), RETRY_SECONDS and MAX_RETRY_SECONDS."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.fallback = options.pop("FALLBACK", "local")
        if self.fallback not in ("local", "none"):
            raise ValueError('SharedRedisCache OPTIONS["FALLBACK"] must be "local" or "none".')
        self.retry_seconds = float(options.pop("RETRY_SECONDS", RETRY_SECONDS))
        self.max_retry_seconds = float(options.pop("MAX_RETRY_SECONDS", MAX_RETRY_SECONDS))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _OneClientPerPool
        self._local = None
        if self.fallback == "local":
            self._local = LocMemCache(
                f"shared-cache-fallback-{id(self)}",
                {
                    "TIMEOUT": params.get("TIMEOUT", 300),
                    "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                    "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES},
                },
            )
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._backoff = 0.0

    # --- Health -----------------------------------------------------------------------------
    @property
    def reachable(self):
        """False while the server is in its back-off after failing (no request tries it)."""
        return time.monotonic() >= self._down_until

    def ping(self):
        """True when the server answers now (health checks; ignores and resets the back-off)."""
        try:
            answered = bool(self._cache.get_client(None, write=True).ping())
        except UNREACHABLE as error:
            self._went_away(error)
            return False
        self._came_back()
        return answered

    def _went_away(self, error):
        with self._lock:
            first = self._backoff == 0.0
            self._backoff = (
                self.retry_seconds if first else min(self._backoff * 2, self.max_retry_seconds)
            )
            self._down_until = time.monotonic() + self._backoff
        if first:
            # The error's kind only: its text names the server's address and port.
            logger.warning(
                "Shared cache server unreachable (%s); %s until it answers again.",
                type(error).__name__,
                "counting in this process" if self._local is not None else "not caching",
            )

    def _came_back(self):
        if self._backoff:
            with self._lock:
                self._backoff = 0.0
                self._down_until = 0.0
            logger.warning("Shared cache server answers again; using it.")

    def _on_server(self, operation):
        """(True, operation()) when the server answers it; (False, None) while the server is
        in its back-off or when it fails to answer now (which starts one)."""
        if not self.reachable:
            return False, None
        try:
            result = operation()
        except UNREACHABLE as error:
            self._went_away(error)
            return False, None
        self._came_back()
        return True, result

    def _call(self, name, args, kwargs, offline):
        """super().<name>(*args, **kwargs), or the fallback's answer while the server is away.
        `offline`: what a call answers when there is no local fallback."""
        on_server = getattr(super(), name)
        answered, result = self._on_server(lambda: on_server(*args, **kwargs))
        if answered:
            return result
        if self._local is not None:
            return getattr(self._local, name)(*args, **kwargs)
        return offline

    # --- The cache API ----------------------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", (key, value, timeout, version), {}, False)

    def get(self, key, default=None, version=None):
        return self._call("get", (key, default, version), {}, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", (key, value, timeout, version), {}, None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", (key, timeout, version), {}, False)

    def delete(self, key, version=None):
        return self._call("delete", (key, version), {}, False)

    def get_many(self, keys, version=None):
        return self._call("get_many", (list(keys), version), {}, {})

    def has_key(self, key, version=None):
        return self._call("has_key", (key, version), {}, False)

    def incr(self, key, delta=1, version=None):
        if not self.reachable and self._local is None:
            raise ValueError(f"Key '{key}' not found (shared cache unreachable).")
        return self._call("incr", (key, delta, version), {}, None)

    def count_in_window(self, key, window):
        """Add one to the counter `key`, made to expire `window` seconds after it starts, and
        return the new count, in one round trip (the counter's creation and its increment in
        one transaction), where `add` then `incr` take two. None while the server does not
        answer: the caller then counts with `add` and `incr`, which fall back as every call
        does (tasharuk.ratelimit.count_in_window)."""

        def on_server():
            stored_key = self.make_and_validate_key(key)
            pipeline = self._cache.get_client(key, write=True).pipeline()
            pipeline.set(stored_key, 0, ex=window, nx=True)  # as add(key, 0, window)
            pipeline.incr(stored_key)
            _created, count = pipeline.execute()
            return count

        return self._on_server(on_server)[1]

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", (data, timeout, version), {}, list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", (list(keys), version), {}, None)

    def _scan(self, client):
        return client.scan_iter(match=_glob_escape(self.key_prefix) + ":*", count=1000)

    def keys(self):
        """The stored keys of this cache (its KEY_PREFIX), as stored: for inspection and tests."""
        client = self._cache.get_client(None)
        return [key.decode() for key in self._scan(client)]

    def clear(self):
        """Delete this cache's keys (its KEY_PREFIX) only; the whole database when it has none."""
        if self._local is not None:
            self._local.clear()
        if not self.key_prefix:
            return self._call("clear", (), {}, False)
        if not self.reachable:
            return False
        try:
            client = self._cache.get_client(None, write=True)
            batch = []
            for key in self._scan(client):
                batch.append(key)
                if len(batch) >= 1000:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
        except UNREACHABLE as error:
            self._went_away(error)
            return False
        self._came_back()
        return True


def _glob_escape(text):
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)
