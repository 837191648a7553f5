#!/usr/bin/env python
"""Page benchmark: public pages served by gunicorn (2 workers, production settings) on loopback.

Give it a database of its own with the resources already in it (benchmarks/search.py or
`manage.py generate_resources` make them); it adds one member account and nothing else:

  DATABASE_URL=postgres://postgres@127.0.0.1:54329/tasharuk_bench_pages \\
  TASHARUK_SEARCH_URL=http://127.0.0.1:9207 TASHARUK_SEARCH_INDEX_PREFIX=tasharuk-bench \\
  .venv/bin/python benchmarks/pages.py

Without TASHARUK_SEARCH_URL the search page answers from the database fallback; the output
says which. The script collects the static files, starts gunicorn on 127.0.0.1 (a free port),
signs a member in through the login form, and for home, search results, resource, category and
library pages, signed out and signed in, sends a fixed number of requests from a fixed number
of concurrent clients (threads with http.client; the load is bounded and stops by itself). It
prints, per page type: p50/p95 time to the full response, requests per second, the queries of
one rendering, the compressed size of the HTML and everything a browser fetches for the page
(stylesheets, scripts, images it references) with their number, and `uptime`'s load average.

Two servers run one after the other: one with the anonymous page cache off (every request is
rendered: the worst case), one with it on as in production, where signed-out visitors ask for
a small set of popular pages again and again.
"""

import argparse
import gzip
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = [
    ("en", "encryption"),
    ("en", "digital security guide"),
    ("en", "journalists safety"),
    ("en", "open data transparency"),
    ("en", "privacy"),
    ("ar", "حمايه الخصوصيه"),
    ("ar", "التشفير"),
    ("ar", "الأمن الرقمي للصحفيين"),
    ("ar", "الرقابة"),
    ("ar", "تدريب"),
]
MEMBER = "bench-member"
MEMBER_PASSWORD = "bench passphrase that is long enough 42"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def production_environment(database_url, cache_seconds):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tasharuk.settings.production",
        TASHARUK_SECRET_KEY=env.get("TASHARUK_SECRET_KEY") or secrets.token_urlsafe(60),
        TASHARUK_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        TASHARUK_PUBLIC_CACHE_SECONDS=str(cache_seconds),
        TASHARUK_TRUST_X_FORWARDED_PROTO="true",  # it plays the TLS proxy (Server.get)
    )
    return env


class Server:
    """gunicorn with 2 sync workers on a free loopback port; a client talks to it as the
    TLS-terminating proxy in front of production would (X-Forwarded-Proto: https)."""

    def __init__(self, env, workers=2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "tasharuk.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=120",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if self.get("/en/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not answer within 90 s")

    def get(self, path, cookies=None, method="GET", body=None, headers=None):
        """(status, headers, compressed body, seconds to the full response)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "gzip",
            "Accept-Language": "en",
            "User-Agent": "tasharuk-page-benchmark",
        }
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        sent.update(headers or {})
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        return response.status, response.headers, content, elapsed

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def cookies_from(headers, jar):
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def html_of(headers, content):
    if headers.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


def sign_in(server):
    """Sign the benchmark member in through the login form; return their cookies."""
    jar = {}
    status, headers, content, _ = server.get("/en/accounts/login/")
    cookies_from(headers, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html_of(headers, content))[1]
    body = urlencode({"login": MEMBER, "password": MEMBER_PASSWORD, "csrfmiddlewaretoken": token})
    status, headers, _, _ = server.get(
        "/en/accounts/login/",
        cookies=jar,
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1/en/accounts/login/",
        },
    )
    cookies_from(headers, jar)
    if status != 302 or not any("session" in name for name in jar):
        raise SystemExit(f"signing in failed ({status}); cookies: {sorted(jar)}")
    return jar


class Assets(HTMLParser):
    """The stylesheets, scripts and images a page makes a browser fetch."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = None
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            url = attrs.get("href")
        elif tag in ("script", "img") and attrs.get("src"):
            url = attrs.get("src")
        if url and not url.startswith("data:") and url not in self.urls:
            self.urls.append(url)


def page_weight(server, path, cookies):
    """(requests, compressed bytes of the HTML, compressed bytes of everything fetched)."""
    _, headers, content, _ = server.get(path, cookies=cookies)
    parser = Assets()
    parser.feed(html_of(headers, content))
    total = len(content)
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "127.0.0.1":
            raise SystemExit(f"{path} loads a third-party file: {url}")
        total += len(server.get(parts.path, cookies=cookies)[2])
    return 1 + len(parser.urls), len(content), total


def load(server, paths, cookies, clients, requests):
    """Send `requests` GETs cycling through `paths` from `clients` threads; return the times
    (ms) and the requests per second over the whole run."""
    times, errors = [], []
    queue = [paths[i % len(paths)] for i in range(requests)]
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            status, _, _, elapsed = server.get(path, cookies=cookies)
            with lock:
                times.append(elapsed * 1000)
                if status != 200:
                    errors.append((status, path))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, first: {errors[0]}")
    return times, requests / (time.perf_counter() - started)


def pick_pages(sample, seed):
    """Paths of each page type: home pages, library index pages, categories, resources and
    searches, in both languages."""
    from library.models import CategoryPage, ResourcePage

    rng = random.Random(seed)
    resources = list(ResourcePage.objects.live().order_by("pk").values_list("pk", flat=True))
    chosen = ResourcePage.objects.filter(pk__in=rng.sample(resources, min(sample, len(resources))))
    categories = [page.url for page in CategoryPage.objects.live().order_by("path")]
    return {
        "home": ["/en/", "/ar/"],
        "search results": [
            f"/{language}/search/?" + urlencode({"q": query}) for language, query in SEARCHES
        ],
        "resource": [page.url for page in chosen],
        "category": [
            f"{url}?page={rng.randint(1, 5)}" if i % 2 else url for i, url in enumerate(categories)
        ],
        # Readers page through the first pages …
        "library": [
            f"/{language}/library/?page={rng.randint(1, 10)}"
            for language in ("en", "ar")
            for _ in range(sample // 2)
        ],
        # … and a deep page should cost what they do (library/listing.py); past the end of a
        # small library it is the last page.
        "library, deep": [
            f"/{language}/library/?{sort}page={rng.randint(1990, 2010)}"
            for language in ("en", "ar")
            for sort in ("", "sort=title&")
        ],
        "category, deep": [f"{url}?page={rng.randint(200, 400)}" for url in categories],
    }


def queries_per_page(paths, member):
    """Queries of one rendering of each page type's first path, signed out and signed in
    (Django's test client in this process, same settings)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for signed_in in (False, True):
        client = Client(HTTP_HOST="127.0.0.1")
        if signed_in:
            client.force_login(member)
        for kind, urls in paths.items():
            client.get(urls[0], secure=True)
            with CaptureQueriesContext(connection) as queries:
                client.get(urls[0], secure=True)
            counts[(kind, signed_in)] = len(queries.captured_queries)
    return counts


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--requests", type=int, default=200, help="requests per page type")
    parser.add_argument("--search-requests", type=int, default=60, help="requests of searches")
    parser.add_argument("--sample", type=int, default=200, help="distinct resource pages")
    parser.add_argument("--popular", type=int, default=20, help="popular pages, cache run")
    parser.add_argument("--cache-seconds", type=int, default=30, help="cache run's lifetime")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    # A stopped benchmark still stops its gunicorn (the `finally` blocks below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))

    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        raise SystemExit("Set DATABASE_URL to the benchmark's own PostgreSQL database.")
    os.environ.update(production_environment(database_url, 0))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from library.models import ResourcePage
    from search import engine

    call_command("collectstatic", interactive=False, verbosity=0)
    member, _ = get_user_model().objects.get_or_create(username=MEMBER)
    member.set_password(MEMBER_PASSWORD)
    member.save()
    resources = ResourcePage.objects.live().filter(locale__language_code="en").count()
    search = "database fallback (no TASHARUK_SEARCH_URL)"
    if engine.configured():
        try:
            health = engine.health()
            search = (
                f"engine {health['engine']} {health['version']}, index {health['index']} "
                f"({health['documents']} documents)"
            )
        except Exception as error:  # noqa: BLE001 - the page then falls back, and says so
            search = f"database fallback (engine unreachable: {error})"
    paths = pick_pages(args.sample, args.seed)
    print(f"Resources: {resources} live in English (and their Arabic translations)")
    print(f"Search results page answers from: {search}")
    print(f"Load: {args.clients} concurrent clients, {args.requests} requests per page type")
    queries = queries_per_page(paths, member)

    rows = []

    def measure(server, label, kind, urls, cookies, requests):
        times, rate = load(server, urls, cookies, args.clients, requests)
        count, html_bytes, total_bytes = page_weight(server, urls[0], cookies)
        signed_in = cookies is not None
        rows.append(
            (
                label,
                kind,
                "member" if signed_in else "anonymous",
                percentile(times, 0.5),
                percentile(times, 0.95),
                rate,
                queries[(kind, signed_in)],
                html_bytes,
                total_bytes,
                count,
                load_average(),
            )
        )
        print(
            f"{label:<22} {kind:<15} {rows[-1][2]:<9} p50 {rows[-1][3]:6.1f} ms  "
            f"p95 {rows[-1][4]:6.1f} ms  {rate:6.1f} req/s  {rows[-1][6]:3d} queries  "
            f"HTML {html_bytes / 1024:5.1f} KB  all {total_bytes / 1024:5.1f} KB in "
            f"{count} requests  load {rows[-1][10]}",
            flush=True,
        )

    environment = production_environment(database_url, 0)
    server = Server(environment)
    try:
        member_cookies = sign_in(server)
        for kind, urls in paths.items():
            requests = args.search_requests if kind == "search results" else args.requests
            for cookies in (None, member_cookies):
                measure(server, "cache off (rendered)", kind, urls, cookies, requests)
    finally:
        server.stop()

    seconds = args.cache_seconds
    server = Server(production_environment(database_url, seconds))
    try:
        for kind in ("home", "resource", "category", "library"):  # deep pages are not popular
            popular = paths[kind][: args.popular]
            measure(server, f"cache {seconds} s, popular", kind, popular, None, args.requests)
    finally:
        server.stop()
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
