"""/healthz and /readyz (tasharuk/health.py): what a load balancer or supervisor is told in each
state, and that the answers give nothing away and are never cached, limited or redirected."""

import pytest
from django.core.cache import caches
from django.test import Client

from tasharuk.settings.base import cache_settings

from .conftest import Instance, free_port, server_environment

PARTS = {"status", "database", "cache", "engine"}


def dead_url(scheme):
    return f"{scheme}://127.0.0.1:{free_port()}"


@pytest.fixture
def shared_cache(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url, "health-test")
    yield
    caches["default"].clear()


@pytest.fixture
def engine_index(db, search_index):
    """This test's own index on the real engine (skipped without one, failed in CI)."""
    if search_index[0] is None:
        pytest.skip("no search engine")


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = cache_settings(dead_url("redis") + "/0", "health-test")


def readyz():
    response = Client().get("/readyz")
    body = response.json()
    assert set(body) == PARTS  # a status per part, and nothing else
    return response.status_code, body


def test_healthz_answers_without_touching_the_database(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_answers_are_never_cached_redirected_or_given_cookies(db, path):
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code in (200, 503)  # not a redirect to /ar/…
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"
    assert not response.cookies


def test_ready_when_database_cache_and_engine_answer(engine_index, shared_cache):
    assert readyz() == (
        200,
        {"status": "ready", "database": "ok", "cache": "ok", "engine": "ok"},
    )


def test_engine_down_is_ready_with_reduced_search(db, settings, shared_cache):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": dead_url("http")}
    assert readyz() == (
        200,
        {"status": "reduced", "database": "ok", "cache": "ok", "engine": "down"},
    )


def test_no_engine_configured_is_ready(db, settings, shared_cache):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    assert readyz()[1] == {"status": "ready", "database": "ok", "cache": "ok", "engine": "off"}


def test_cache_server_down_is_not_ready(db, settings, dead_cache):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    status, body = readyz()
    assert status == 503
    assert body == {"status": "unavailable", "database": "ok", "cache": "down", "engine": "off"}


def test_database_down_is_not_ready_but_the_process_is_alive(tmp_path, db):
    """A real server whose database does not answer: production settings, plain HTTP from
    the probe and a Host header the site does not serve (a load balancer probing an address)."""
    env = server_environment(DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/gone")
    instance = Instance(env, tmp_path / "server.log")
    try:
        alive = instance.get("/healthz", secure=False, headers={"Host": "10.0.0.7:8000"})
        ready = instance.get("/readyz", secure=False, headers={"Host": "10.0.0.7:8000"})
    finally:
        instance.stop()
    assert (alive.status, alive.json()) == (200, {"status": "ok"})
    assert ready.status == 503
    assert ready.json() == {
        "status": "unavailable",
        "database": "down",
        "cache": "ok",
        "engine": "off",
    }
    assert "10.0.0.7" not in instance.logged()
