"""The shared cache's backend (tasharuk/shared_cache.py) and settings: what happens when its
server is away or hangs, what clearing one cache leaves alone, and production's refusal to
run several processes without it."""

import logging
import os
import socket
import subprocess
import sys
import time

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory

from library.models import ResourcePage
from tasharuk import invalidation, ratelimit
from tasharuk.settings.base import cache_settings
from tasharuk.shared_cache import SharedRedisCache
from tests.factories import ResourcePageFactory

from .conftest import REPO, advance_pages_in_another_process, free_port


@pytest.fixture
def dead_cache(settings):
    """Both caches pointed at a port where no server listens."""
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{free_port()}/0", "dead-test")


def visitor():
    request = RequestFactory().post("/en/feedback/", REMOTE_ADDR="198.51.100.23")
    request.user = None
    return request


def test_rate_limits_keep_limiting_while_the_cache_server_is_away(dead_cache):
    allowed, _window = ratelimit.limits()["feedback"]
    answers = [ratelimit.hit(visitor(), "feedback") for _ in range(allowed + 2)]
    assert answers == [True] * allowed + [False, False]


def test_the_outage_is_logged_once_and_names_no_address(dead_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="tasharuk.shared_cache"):
        for _ in range(5):
            ratelimit.hit(visitor(), "feedback")
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert "127.0.0.1" not in warnings[0] and "198.51.100.23" not in warnings[0]


def test_pages_answer_uncached_while_the_cache_server_is_away(db, settings, dead_cache):
    settings.TASHARUK_PUBLIC_CACHE = {**settings.TASHARUK_PUBLIC_CACHE, "SECONDS": 300}
    resource = ResourcePageFactory(title="Safer field reporting")
    assert Client().get(resource.url).status_code == 200
    # Changed without publishing (no signal): only a fresh rendering can show it.
    ResourcePage.objects.filter(pk=resource.pk).update(title="Safer field reporting, revised")
    page = Client().get(resource.url)
    assert page.status_code == 200
    assert b"Safer field reporting, revised" in page.content


def test_a_hanging_cache_server_costs_one_timeout_not_one_per_request():
    """A server that accepts connections and never answers: after the first timeout, the
    back-off answers from the process at once instead of waiting again."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        cache = SharedRedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"KEY_PREFIX": "hang", "OPTIONS": {"FALLBACK": "local", "RETRY_SECONDS": 30}},
        )
        started = time.monotonic()
        for _ in range(20):
            cache.add("counter", 0, 60)
            cache.incr("counter")
        elapsed = time.monotonic() - started
    assert cache.get("counter") == 20  # counted in the process meanwhile
    assert elapsed < 2.0, f"{elapsed:.1f} s for 20 calls: the back-off does not hold"


def test_emptying_the_page_cache_keeps_rate_limit_counts(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url, "clear-test")
    caches["default"].set("tasharuk:rl:feedback:someone", 3, 600)
    caches["public_pages"].set("page:1:abc", "a page", 600)
    caches["public_pages"].clear()
    assert caches["public_pages"].get("page:1:abc") is None
    assert caches["default"].get("tasharuk:rl:feedback:someone") == 3


def test_a_cache_server_coming_back_is_used_again(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url, "return-test")
    cache = caches["default"]
    cache.set("seen", "before", 600)
    redis_server.stop()
    assert cache.get("seen") is None
    redis_server.start()
    time.sleep(cache.retry_seconds + 0.1)
    cache.set("seen", "after", 600)
    other = SharedRedisCache(redis_server.url, {"KEY_PREFIX": "return-test"})
    assert other.get("seen") == "after"  # written to the server, not the process


def test_advancing_a_generation_is_seen_by_another_process(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url, "generation-test")
    before = invalidation.current(invalidation.PAGES)
    advance_pages_in_another_process(redis_server.url, "generation-test")
    assert invalidation.current(invalidation.PAGES) != before


def production(**env):
    settings = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")},
        "DJANGO_SETTINGS_MODULE": "tasharuk.settings.production",
        "TASHARUK_SECRET_KEY": "x" * 60,
        "TASHARUK_ALLOWED_HOSTS": "tasharuk.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/none",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=settings,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_several_processes_without_a_shared_cache():
    refused = production(TASHARUK_PROCESSES="3")
    assert refused.returncode != 0
    assert "TASHARUK_CACHE_URL" in refused.stderr
    assert production(TASHARUK_PROCESSES="1").returncode == 0
    assert (
        production(TASHARUK_PROCESSES="3", TASHARUK_CACHE_URL="redis://127.0.0.1:1/0").returncode
        == 0
    )


def test_the_kept_footer_is_forgotten_when_a_footer_is_saved(db, settings, english):
    from home.models import FooterText

    settings.TASHARUK_PUBLIC_CACHE = {**settings.TASHARUK_PUBLIC_CACHE, "SITE_CHROME_SECONDS": 300}
    footer = FooterText.objects.create(locale=english, body="<p>Run by volunteers.</p>")
    assert "Run by volunteers." in Client().get("/en/").content.decode()
    # Changed without a save signal: the kept footer still shows.
    FooterText.objects.filter(pk=footer.pk).update(body="<p>Changed quietly.</p>")
    assert "Run by volunteers." in Client().get("/en/").content.decode()
    footer.body = "<p>Run by volunteers and partners.</p>"
    footer.save()
    assert "Run by volunteers and partners." in Client().get("/en/").content.decode()
