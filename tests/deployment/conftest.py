"""Deployment fixtures: the site served by gunicorn processes (production settings, see
settings.py beside this file) against the test database, a Redis server of the test's own and
the search engine, with `manage.py db_worker` processes beside them.

The servers read the database from their own connections, so these tests use committed data
(pytest-django's transactional_db): the bilingual skeleton is reloaded before each test, as
the browser tests do. Every server listens on a free loopback port chosen at run time.
Without redis-server (or PostgreSQL) the tests skip, except in CI, where they fail.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.browser.conftest import site_skeleton_rows  # noqa: F401 — a fixture used here too

REPO = Path(__file__).resolve().parents[2]
SECRET_KEY = secrets.token_urlsafe(60)  # the servers' key: sessions made here are signed with it
START_SECONDS = 90  # a busy two-core machine
CSRF_COOKIE = "__Host-csrftoken"  # production's cookie names (tasharuk/settings/production.py)
SESSION_COOKIE = "__Host-sessionid"


def missing(problem):
    """Skip for want of a service, or fail in CI, which must run every test."""
    if os.environ.get("CI"):
        pytest.fail(f"CI needs {problem}")
    pytest.skip(problem)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of one test: its own folder and free loopback port, nothing on disk."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.folder),
                "--save", "",
                "--appendonly", "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not answer within 20 s")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def flush(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(16).startswith(b"+OK")


@pytest.fixture
def redis_server(tmp_path):
    """A running Redis of this test's own, stopped afterwards."""
    if not shutil.which("redis-server"):
        missing("redis-server (Debian's redis-server package; make test installs it)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def advance_pages_in_another_process(redis_url, key_prefix):
    """Advance the PAGES generation from a separate Python process sharing the Redis at
    `redis_url` under `key_prefix`, as another worker of the site would."""
    script = (
        "import django; django.setup(); from tasharuk import invalidation; "
        "invalidation.advance(invalidation.PAGES)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tasharuk.settings.test",
        "TASHARUK_CACHE_URL": redis_url,
        "TASHARUK_CACHE_KEY_PREFIX": key_prefix,
    }
    subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True, timeout=120)


@pytest.fixture
def committed_site(transactional_db, site_skeleton_rows):  # noqa: F811
    """The test database with the bilingual skeleton committed, so other processes see it: what
    the previous test left is flushed, the skeleton's rows reloaded and the sequences moved
    past them (the same steps as the browser tests' live_site)."""
    if connection.vendor != "postgresql":
        missing("PostgreSQL (set DATABASE_URL)")
    cache.clear()
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(site_skeleton_rows)
    ContentType.objects.clear_cache()
    models = [model for config in apps.get_app_configs() for model in config.get_models()]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def database_url():
    """The URL of the database this test runs in (pytest-django's test_… database)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{host}/{db['NAME']}"


def server_environment(**overrides):
    """The environment production's processes get, for this test's database and services."""
    env = dict(os.environ)
    for name in ("TASHARUK_CACHE_URL", "TASHARUK_SEARCH_URL", "TASHARUK_PUBLIC_CACHE_SECONDS"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.deployment.settings",
        TASHARUK_SECRET_KEY=SECRET_KEY,
        TASHARUK_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        TASHARUK_PROCESSES="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Instance:
    """One gunicorn process (one sync worker) serving the site on a free loopback port; the
    client talks to it as production's TLS-terminating proxy would (X-Forwarded-Proto)."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            [
                str(REPO / ".venv/bin/gunicorn"),
                "tasharuk.wsgi:application",
                "--workers=1",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=120",
                "--log-level=warning",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                if self.request("GET", "/healthz").status == 200:
                    return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{Path(log_path).read_text()[-3000:]}")

    def request(self, method, path, data=None, cookies=None, headers=None, secure=True):
        """(status, headers, body) of one request, without following redirects."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": "127.0.0.1", "Accept-Language": "en"}
        if secure:
            sent["X-Forwarded-Proto"] = "https"
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # What a browser sends with a same-site form (Django's CSRF origin check).
            sent["Origin"] = "https://127.0.0.1"
            sent["Referer"] = f"https://127.0.0.1{path}"
        sent.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, data, cookies=None):
        """A form POST carrying a CSRF token (cookie and field, as a browser's form does)."""
        token = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
        cookies = {**(cookies or {}), CSRF_COOKIE: token}
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token}, cookies)

    def logged(self):
        if not self.log.closed:
            self.log.flush()
        return Path(self.log_path).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


class Worker:
    """`manage.py db_worker` beside an instance: runs the tasks the instances enqueue."""

    def __init__(self, env, log_path, worker_id):
        self.log = open(log_path, "wb")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            [
                str(REPO / ".venv/bin/python"),
                "manage.py",
                "db_worker",
                "--interval=0.2",
                "--no-startup-delay",
                f"--worker-id={worker_id}",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def engine_url():
    """The search engine's URL when one answers; None (or a failure in CI) otherwise."""
    from opensearchpy import OpenSearch

    url = os.environ.get("TASHARUK_SEARCH_URL", "")
    try:
        OpenSearch(hosts=[url], timeout=5, max_retries=0).info()
    except Exception:  # noqa: BLE001 — unset, down or absent: no engine
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the real search engine at {url!r}")
        return None
    return url


@pytest.fixture
def search_index(settings):
    """(URL, index prefix) of this test's own index on the engine, shared by this process and
    the servers; (None, prefix) without an engine (the servers then search the database)."""
    from search import engine

    url = engine_url()
    prefix = f"{settings.TASHARUK_SEARCH['INDEX_PREFIX']}-deploy-{uuid.uuid4().hex[:8]}"
    settings.TASHARUK_SEARCH = {
        **settings.TASHARUK_SEARCH,
        "URL": url or "",
        "INDEX_PREFIX": prefix,
    }
    if url:
        engine.ensure_index()
    yield url, prefix
    if url:
        with contextlib.suppress(Exception):
            engine.client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


class Deployment:
    """Two instances and two task workers sharing one database, cache server and engine."""

    def __init__(self, folder, redis, search):
        url, prefix = search
        self.redis = redis
        self.env = server_environment(
            TASHARUK_CACHE_URL=redis.url,
            TASHARUK_CACHE_KEY_PREFIX=f"deploy-{uuid.uuid4().hex[:8]}",
            TASHARUK_PROCESSES="4",
            TASHARUK_PUBLIC_CACHE_SECONDS="300",  # long: only invalidation can explain a change
            TASHARUK_SEARCH_URL=url or "",
            TASHARUK_SEARCH_INDEX_PREFIX=prefix,
        )
        self.parts = []
        try:
            self.a = self._add(Instance(self.env, folder / "a.log"))
            self.b = self._add(Instance(self.env, folder / "b.log"))
            self.workers = [
                self._add(Worker(self.env, folder / f"worker-{name}.log", f"worker-{name}"))
                for name in ("a", "b")
            ]
        except BaseException:
            self.stop()
            raise

    def _add(self, part):
        self.parts.append(part)
        return part

    def stop(self):
        for part in reversed(self.parts):
            part.stop()


@pytest.fixture
def deployment(tmp_path, committed_site, redis_server, search_index):
    running = Deployment(tmp_path, redis_server, search_index)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic's output with production storage (whitenoise's manifest and compressed
    copies), once per session: production settings render no page without the manifest."""
    from .services import manage, production_environment

    root = tmp_path_factory.mktemp("static")
    env = production_environment(os.environ["DATABASE_URL"], TASHARUK_STATIC_ROOT=str(root))
    manage(env, "collectstatic", "--noinput", "--verbosity=0")
    return root
