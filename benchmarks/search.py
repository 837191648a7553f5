#!/usr/bin/env python
"""Search benchmark: generate resources, rebuild the index, time a fixed query mix.

Runs against whatever DATABASE_URL and TASHARUK_SEARCH_URL say (`make benchmark` or the README
sets them up). Use a database of its own: the benchmark adds --resources synthetic resources
(skipped when that many are already there). Prints p50/p95 end-to-end API time (Django test
client, full request/response cycle), the engine's own `took` for the same queries, the database
fallback's p50/p95, the rebuild time, and what share of the library each query matches.

--profile realistic (the default) writes resources from tens of thousands of word forms that
cluster by category (most queries match a few percent); --profile stress writes them from 55
words per language (every query matches nearly everything). Keep one database per profile and
size: the script only adds resources up to --resources, whatever profile made the ones there.

  DATABASE_URL=postgres://postgres@127.0.0.1:54329/tasharuk_bench \\
  TASHARUK_SEARCH_URL=http://127.0.0.1:9207 .venv/bin/python benchmarks/search.py --resources 10000 \\
  --profile realistic
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tasharuk.settings.dev")
os.environ.setdefault("TASHARUK_SEARCH_INDEX_PREFIX", "tasharuk-bench")

QUERIES = [
    ("encryption", "en", {}),
    ("digital security guide", "en", {}),
    ("journalists safety", "en", {"format": ["guide", "manual"]}),
    ("open data transparency", "en", {"language": ["ar"]}),
    ("surveilance", "en", {}),  # typo: fuzzy
    ("", "en", {"category": ["privacy"], "region": ["mena"]}),
    ("حمايه الخصوصيه", "ar", {}),
    ("التشفير", "ar", {}),
    ("الأمن الرقمي للصحفيين", "ar", {"format": ["guide"]}),
    ("البيانات المفتوحة", "ar", {"license": ["CC-BY-4.0", "CC0-1.0"]}),
    ("encryption", "ar", {"category": ["digital-security"], "language": ["en"]}),
    ("الرقابة", "ar", {"region": ["lb", "eg"]}),
    ("privacy", "en", {}),
    ("تدريب", "ar", {}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def query_string(query, locale, filters, sort="relevance"):
    from urllib.parse import urlencode

    params = [("q", query), ("locale", locale), ("sort", sort)]
    params += [(facet, value) for facet, values in filters.items() for value in values]
    return urlencode(params)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--resources", type=int, default=100_000, help="resources (default 100000)")
    parser.add_argument("--queries", type=int, default=300, help="timed queries per backend")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--profile", choices=("realistic", "stress"), default="realistic", help="corpus profile"
    )
    parser.add_argument("--skip-rebuild", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from library.models import ResourcePage
    from search import engine
    from search.rebuild import rebuild
    from sitebuild.site_structure import ensure_site

    settings.DEBUG = False  # no query log in memory while timing
    setup_test_environment()  # the test client's "testserver" host is allowed
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # One client sends every timed search: the open API's per-client limit would refuse it.
    settings.TASHARUK_MEMBERS = {
        **settings.TASHARUK_MEMBERS,
        "RATE_LIMITS": {
            **settings.TASHARUK_MEMBERS.get("RATE_LIMITS", {}),
            "open_api": (10**9, 60),
        },
    }
    try:
        call_command("migrate", verbosity=0)
    except Exception as error:  # noqa: BLE001 - a half-migrated benchmark database still runs
        print(f"warning: migrate failed ({error}); continuing with the existing schema")
    ensure_site()
    from vocabulary.demo import load_demo_vocabulary

    load_demo_vocabulary()  # queries are expanded with it, as on the demo site
    have = ResourcePage.objects.filter(locale__language_code="en").count()
    if have < args.resources:
        print(f"Generating {args.resources - have} resources …", flush=True)
        started = time.perf_counter()
        call_command(
            "generate_resources",
            count=args.resources - have,
            seed=args.seed + have,
            profile=args.profile,
        )
        print(f"  generated in {time.perf_counter() - started:.1f} s")
    total = ResourcePage.objects.filter(locale__language_code="en").count()
    print(
        f"Resources: {total} (each in English and Arabic); engine: {settings.TASHARUK_SEARCH['URL'] or 'none'}"
    )

    if not args.skip_rebuild:
        started = time.perf_counter()
        rebuild()
        rebuild_seconds = time.perf_counter() - started
        print(f"Rebuild (engine + database fallback): {rebuild_seconds:.1f} s")
        if engine.configured():
            started = time.perf_counter()
            rebuild(with_database=False)
            print(f"Rebuild (engine only): {time.perf_counter() - started:.1f} s")

    # The API as production serves it: the development settings keep nothing in the cache
    # (edits show at once), production keeps the menu, category titles, tool warnings and the
    # API's last-change time until pages change (tasharuk.invalidation).
    from tasharuk.settings.caching import TASHARUK_PUBLIC_CACHE

    settings.TASHARUK_PUBLIC_CACHE = TASHARUK_PUBLIC_CACHE
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"Cache: {cache} (TASHARUK_CACHE_URL {'set' if os.environ.get('TASHARUK_CACHE_URL') else 'not set'})"
    )
    client = Client()
    print(
        f"Share of the {total} resources each query matches ({args.profile} profile, as the API counts):"
    )
    for query, locale, filters in QUERIES:
        response = client.get("/api/v1/search/?" + query_string(query, locale, filters))
        count = response.json()["count"]
        label = f"{query or '(no words)'} [{locale}] {filters or ''}"
        print(f"  {label:<70} {count:>8}  {100 * count / max(total, 1):5.1f} %")
    mix = [QUERIES[i % len(QUERIES)] for i in range(args.queries)]

    def run_api():
        """End-to-end API time and, right after each request, the engine's own `took` for the
        same search: interleaved, so both see the same machine load (measured in two separate
        passes, the load of the moment skewed their ratio on a shared two-core machine)."""
        times, took, calls = [], [], []
        for query, locale, filters in mix:
            started = time.perf_counter()
            response = client.get("/api/v1/search/?" + query_string(query, locale, filters))
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            started = time.perf_counter()
            took.append(engine.search(query, locale, filters, "relevance", 1, 20)[3])
            calls.append((time.perf_counter() - started) * 1000)
        return times, took, calls

    def report(name, times):
        # The machine's load beside every figure: on a shared machine it moves them a lot.
        load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"{name:<40} p50 {percentile(times, 0.5):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
            f"   (load average {load})"
        )

    if engine.configured():
        # Every search matched and counted afresh first (the engine's request cache off), then
        # as the site runs: repeated searches answered from the engine's request cache.
        for request_cache, label in ((False, "every search computed"), (True, "request cache")):
            settings.TASHARUK_SEARCH = {
                **settings.TASHARUK_SEARCH,
                "ENGINE_REQUEST_CACHE": request_cache,
            }
            for query, locale, filters in QUERIES:  # warm caches
                client.get("/api/v1/search/?" + query_string(query, locale, filters))
            api, took, calls = run_api()
            report(f"API (engine, {label})", api)
            report(f"engine took ({label})", took)
            # The same search sent from Python and read back (query built, HTTP both ways,
            # JSON decoded): what the engine costs the API beyond its own `took`.
            report(f"engine call, round trip ({label})", calls)
            print(
                f"API / engine time at p50: {percentile(api, 0.5) / max(percentile(took, 0.5), 0.1):.2f}x, "
                f"at p95: {percentile(api, 0.95) / max(percentile(took, 0.95), 0.1):.2f}x"
            )
    cache_seconds = settings.TASHARUK_SEARCH.get("FALLBACK_CACHE_SECONDS", 0)
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    # PostgreSQL answers in SQL (full-text index): the whole mix. SQLite scores in Python and
    # takes seconds per query at this size: a fifth of it.
    from django.db import connection

    if connection.vendor == "postgresql":
        fallback_mix = mix
    else:
        fallback_mix = mix[: max(len(QUERIES), args.queries // 5)]

    def run_fallback():
        times = []
        for query, locale, filters in fallback_mix:
            started = time.perf_counter()
            response = client.get("/api/v1/search/?" + query_string(query, locale, filters))
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
        return times

    # Uncached first (every search computed), then with the fallback's result cache, filled
    # by one pass over the 14 searches first: the cached pass measures cache hits only.
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "FALLBACK_CACHE_SECONDS": 0}
    for query, locale, filters in QUERIES:  # warm the database's own buffers
        client.get("/api/v1/search/?" + query_string(query, locale, filters))
    report(f"API (database fallback, {len(fallback_mix)} q, uncached)", run_fallback())
    if cache_seconds and connection.vendor == "postgresql":
        settings.TASHARUK_SEARCH = {
            **settings.TASHARUK_SEARCH,
            "FALLBACK_CACHE_SECONDS": max(cache_seconds, 3600),  # the whole run
        }
        for query, locale, filters in QUERIES:
            client.get("/api/v1/search/?" + query_string(query, locale, filters))
        report(f"API (database fallback, {len(fallback_mix)} q, cached)", run_fallback())


if __name__ == "__main__":
    main()
