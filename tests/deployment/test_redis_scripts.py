"""scripts/redis/start and stop, which `make test` (and the deployment's own tooling) use: the
URL printed answers, a second start reuses the running server, stop stops it."""

import os
import shutil
import subprocess

from .conftest import REPO, RedisServer, free_port, missing


def run(script, env):
    return subprocess.run(
        [REPO / "scripts" / "redis" / script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def test_start_prints_a_url_that_answers_and_stop_stops_it(tmp_path):
    if not shutil.which("redis-server"):
        missing("redis-server (Debian's redis-server package; make test installs it)")
    port = free_port()
    env = {**os.environ, "TASHARUK_REDIS_PORT": str(port), "TASHARUK_REDIS_DATA": str(tmp_path)}
    server = RedisServer(tmp_path)
    server.port = port
    try:
        assert run("start", env) == f"redis://127.0.0.1:{port}/0"
        assert server.answers()
        assert run("start", env) == f"redis://127.0.0.1:{port}/0"  # already running: reused
    finally:
        run("stop", env)
    assert not server.answers()
    assert not list(tmp_path.glob("dump.rdb"))  # a cache: nothing written to disk
