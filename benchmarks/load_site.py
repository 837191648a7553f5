"""The site as deploy/ runs it, started on 127.0.0.1 for the load figures (benchmarks/load_run.py):
the shared cache, gunicorn instances, nginx in front, the engine cluster's environment; every
process started is kept, to be stopped at the end."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build" / "load"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode} while starting")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.3)
    raise SystemExit(f"{what} did not listen on 127.0.0.1:{port} within {seconds} s")


class Processes:
    """Everything started here, stopped in reverse order (its process group) at the end."""

    def __init__(self):
        self.started = []

    def start(self, command, **options):
        process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, **options)
        self.started.append(process)
        return process

    @staticmethod
    def stop(process, sig=signal.SIGTERM):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self):
        for process in reversed(self.started):
            self.stop(process)


def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the benchmark's own PostgreSQL database.")
    return url


def ensure_database(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(database, search_url, prefix, cache_url, static_root, replicas=0):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tasharuk.settings.production",
        TASHARUK_SECRET_KEY=os.environ.get("TASHARUK_SECRET_KEY") or secrets.token_urlsafe(60),
        TASHARUK_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database,
        TASHARUK_TRUST_X_FORWARDED_PROTO="true",
        TASHARUK_TRUSTED_PROXY_COUNT="1",
        TASHARUK_STATIC_ROOT=str(static_root),
        TASHARUK_MEDIA_ROOT=str(WORK / "media"),
        TASHARUK_SEARCH_URL=search_url,
        TASHARUK_SEARCH_INDEX_PREFIX=prefix,
        TASHARUK_SEARCH_REPLICAS=str(replicas),
        TASHARUK_CACHE_URL=cache_url,
    )
    return env


def manage(env, *args):
    log(f"manage.py {' '.join(args)}")
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def start_cache(processes):
    """The shared cache: the project's scripts/redis/start when it exists, else a redis-server
    of this run's own (no persistence, loopback, a free port)."""
    script = ROOT / "scripts/redis/start"
    if script.exists():
        return subprocess.run(
            [str(script)], check=True, capture_output=True, text=True
        ).stdout.strip()
    port = free_port()
    process = processes.start(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, process, "redis-server")
    return f"redis://127.0.0.1:{port}/0"


def start_gunicorn(processes, env):
    port = free_port()
    process = processes.start(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            str(ROOT / "deploy/gunicorn.conf.py"),
            "tasharuk.wsgi:application",
        ],
        env={**env, "TASHARUK_BIND": f"127.0.0.1:{port}", "TASHARUK_WEB_WORKERS": "2"},
    )
    wait_for_port(port, process, "gunicorn")
    return port, process


def start_nginx(processes, upstreams, static_root):
    """deploy/nginx's site, rendered for loopback, in front of the given gunicorn ports."""
    folder = WORK / "nginx"
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    values = {
        "TASHARUK_NGINX_SERVER_NAME": "127.0.0.1",
        "TASHARUK_NGINX_HTTPS_LISTEN": f"127.0.0.1:{port}",
        "TASHARUK_NGINX_HTTP_LISTEN": f"127.0.0.1:{free_port()}",
        "TASHARUK_NGINX_CERTIFICATE": cert,
        "TASHARUK_NGINX_CERTIFICATE_KEY": key,
        "TASHARUK_NGINX_UPSTREAM": ",".join(f"127.0.0.1:{p}" for p in upstreams),
        "TASHARUK_NGINX_LOG_DIR": folder,
        "TASHARUK_STATIC_ROOT": static_root,
        "TASHARUK_MEDIA_ROOT": WORK / "media",
    }
    (folder / "tasharuk.env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    subprocess.run(
        [sys.executable, str(ROOT / "deploy/nginx/render.py"), str(folder / "tasharuk.env"), str(folder / "site.conf")],
        check=True, capture_output=True, env=clean,
    )  # fmt: skip
    temp = "\n".join(
        f"{kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\ninclude /etc/nginx/mime.types;\n{temp}\ninclude {folder}/site.conf;\n}}\n"
    )
    nginx = (
        "nginx"
        if subprocess.run(["which", "nginx"], capture_output=True).returncode == 0
        else "/usr/sbin/nginx"
    )
    process = processes.start(
        [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
    )
    wait_for_port(port, process, "nginx")
    return f"https://127.0.0.1:{port}"


def cluster_env():
    return {**os.environ, "SEARCH_CLUSTER_PORT": os.environ["BENCH_CLUSTER_PORT"]}


def serve(processes, env, static_root):
    first_port, first = start_gunicorn(processes, env)
    second_port, second = start_gunicorn(processes, env)
    base = start_nginx(processes, [first_port, second_port], static_root)
    nginx = processes.started[-1]
    log(f"site: {base} -> gunicorn 127.0.0.1:{first_port}, 127.0.0.1:{second_port}")

    def stop():
        for process in (nginx, second, first):
            Processes.stop(process)

    return {"base": base, "second": second, "stop": stop}
