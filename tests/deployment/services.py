"""The real programs the deployment tests run: PostgreSQL's client tools, gunicorn with
production settings, nginx. Each on a free loopback port, each stopped by the test."""

import contextlib
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]


def require(program, why):
    """The program's path; skip without it on a laptop, fail in CI (scripts/test installs it)."""
    path = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {program} ({why}); scripts/test installs it.")
        pytest.skip(f"{program} is not installed ({why})")
    return path


def postgres_tool(name):
    """PostgreSQL's own binary (pg_dump, pg_restore, …) from the newest installed server."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    return found[-1] if found else require(name, "PostgreSQL's client tools")


def _version(path):
    return [int(part) for part in Path(path).parts[-3].split(".") if part.isdigit()]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(name):
    """DATABASE_URL's server with another database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def current_test_database():
    return settings.DATABASES["default"]["NAME"]


def run_sql(sql):
    """One statement on the server's maintenance database, outside any transaction."""
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as maintenance:
        maintenance.execute(sql)


@contextlib.contextmanager
def database_copy(tag):
    """A new database copied from the test database as it is now (the bilingual skeleton and
    whatever is committed), dropped afterwards; yields its URL. Django's own connections are
    closed first: PostgreSQL copies a template only while nobody is connected to it."""
    name = f"{current_test_database()}_{tag}_{secrets.token_hex(4)}"
    connections.close_all()
    run_sql(f'CREATE DATABASE "{name}" TEMPLATE "{current_test_database()}"')
    try:
        yield database_url(name)
    finally:
        run_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_environment(database, **extra):
    """The environment production settings run with here: loopback host, the given database,
    no search engine unless `extra` names one, a fresh secret key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tasharuk.settings.production",
        TASHARUK_SECRET_KEY=secrets.token_urlsafe(60),
        TASHARUK_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database,
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=600):
    """Run manage.py with `env`; return its output, failing the test with it if it fails."""
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for_port(port, process, what, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode} while starting")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port} within {seconds} s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def gunicorn(env, workers=2):
    """gunicorn as deploy/systemd/tasharuk-web.service runs it (deploy/gunicorn.conf.py), on a
    free loopback port; yields the port."""
    port = free_port()
    env = {**env, "TASHARUK_BIND": f"127.0.0.1:{port}", "TASHARUK_WEB_WORKERS": str(workers)}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            str(ROOT / "deploy/gunicorn.conf.py"),
            "tasharuk.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process, "gunicorn")
        yield port
    finally:
        stop(process)
