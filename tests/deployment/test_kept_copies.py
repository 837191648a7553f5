"""Fewer round trips to the shared cache, on a real Redis: a kept value is read from it once per
process (tasharuk/local_copies.py) yet a change made by another process is seen at once, and a
rate-limit window is counted in one round trip."""

import time

import pytest
from django.core.cache import caches

from tasharuk import invalidation, ratelimit
from tasharuk.settings.base import cache_settings

from .conftest import advance_pages_in_another_process


@pytest.fixture
def shared(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url, "copies-test")
    return redis_server


def reads_of(cache, monkeypatch):
    """The keys the default cache is asked for from now on."""
    asked = []
    original = cache.get

    def counting(key, *args, **kwargs):
        asked.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting)
    return asked


def test_a_kept_value_is_read_once_per_process_and_a_change_elsewhere_is_seen_at_once(
    shared, monkeypatch
):
    menus = iter(["menu as first published", "menu after another process published"])

    def kept_menu():
        return invalidation.kept(invalidation.PAGES, "menu:en", lambda: next(menus), 300)

    assert kept_menu() == "menu as first published"
    asked = reads_of(caches["default"], monkeypatch)
    assert [kept_menu() for _ in range(5)] == ["menu as first published"] * 5
    # Only the generation is asked for (outside a request, at every call): never the menu.
    assert asked and not any("menu:en" in key for key in asked)
    advance_pages_in_another_process(shared.url, "copies-test")
    assert kept_menu() == "menu after another process published"


def test_a_copy_ends_when_the_shared_value_does(shared):
    counts = iter([40, 41])

    def kept_count():
        return invalidation.kept(invalidation.PUBLICATION, "count", lambda: next(counts), 1)

    assert kept_count() == 40
    assert kept_count() == 40
    time.sleep(1.1)
    assert kept_count() == 41


def test_a_rate_limit_window_counts_in_one_round_trip_and_expires(shared):
    cache = caches["default"]
    assert [ratelimit.count_in_window("tasharuk:rl:test:someone", 60) for _ in range(3)] == [
        1,
        2,
        3,
    ]
    client = cache._cache.get_client(None)
    stored_key = cache.make_and_validate_key("tasharuk:rl:test:someone")
    assert 0 < client.ttl(stored_key) <= 60
    assert cache.get("tasharuk:rl:test:someone") == 3  # Django reads the same counter
    # A window's creation and increment travel together: one pipeline, not add then incr.
    sent = []
    original = client.pipeline

    def pipeline(*args, **kwargs):
        sent.append("pipeline")
        return original(*args, **kwargs)

    client.pipeline = pipeline
    try:
        assert ratelimit.count_in_window("tasharuk:rl:test:other", 60) == 1
    finally:
        del client.pipeline
    assert sent == ["pipeline"]
