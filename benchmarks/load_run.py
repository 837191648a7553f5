#!/usr/bin/env python
"""Load figures on one machine (docs/benchmarks/load.md): the site as deploy/ runs it, driven by
Locust (benchmarks/load.py), everything on 127.0.0.1 and bounded in time.

  DATABASE_URL=postgres://postgres@127.0.0.1:54329/tasharuk_bench_load \\
  TASHARUK_SEARCH_URL=http://127.0.0.1:9207 .venv/bin/python benchmarks/load_run.py all

It loads the demo library into DATABASE_URL's database (load_demo_data; the database is made
when missing), starts the shared cache (scripts/redis/start when the project has it, otherwise
a redis-server of its own without persistence), two gunicorn instances (deploy/gunicorn.conf.py,
2 workers each, production settings) and nginx (deploy/nginx's rendered site, a throwaway
certificate) balancing between them, rebuilds the search index, makes 200 members with
signed-in sessions, and runs:

  steady    Locust, 50 users for 60 s (9 in 10 readers; 1 in 10 members rating and saving)
  failover  the same on a two-node engine cluster (scripts/search-engine/cluster, one replica):
            engine node 2 is stopped at 20 s and the second gunicorn at 30 s
  ratings   1,000 concurrent ratings of one resource by 200 members; the stored aggregate
            must equal the ratings' sum

`all` runs the three. It prints requests/s, p50/p95 per page type and the errors, and
`uptime`; every process it started is stopped at the end.
"""

import argparse
import concurrent.futures
import csv
import json
import os
import random
import signal
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build" / "load"
sys.path.insert(0, str(ROOT))

from benchmarks.load_site import (  # noqa: E402 (found through the path above)
    Processes,
    cluster_env,
    database_url,
    ensure_database,
    environment,
    free_port,
    log,
    manage,
    serve,
    start_cache,
)

SEARCHES = [
    ["en", "encryption"],
    ["en", "digital security"],
    ["en", "journalists safety"],
    ["en", "open data"],
    ["en", "privacy"],
    ["ar", "التشفير"],
    ["ar", "الأمن الرقمي"],
    ["ar", "الصحفيين"],
    ["ar", "الخصوصية"],
    ["ar", "تدريب"],
]
MEMBERS = 200


def make_plan(env, base):
    """Members with sessions, and the pages to visit; written for the Locust file."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from library.models import CategoryPage, ResourcePage

    users = get_user_model()
    members = []
    for n in range(MEMBERS):
        member, created = users.objects.get_or_create(username=f"load-member-{n}")
        if created:
            member.set_unusable_password()  # signed in by session only
            member.save()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(member)
        csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
        members.append(
            {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "csrf": csrf}
        )
    resources = ResourcePage.objects.live()
    plan = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "members": members,
        "resources": [page.url for page in resources],
        "resource_keys": sorted({str(page.translation_key) for page in resources}),
        "categories": [page.url for page in CategoryPage.objects.live()],
        "searches": SEARCHES,
        "base": base,
    }
    path = WORK / "plan.json"
    path.write_text(json.dumps(plan))
    log(
        f"plan: {len(plan['resources'])} resource pages, {len(plan['categories'])} categories, {MEMBERS} members"
    )
    return path, plan


def run_locust(base, plan_path, label, seconds, users, during=None):
    """A bounded headless Locust run; `during(started_at)` runs beside it (the failover's
    stops). Returns the per-page statistics and the timed events."""
    prefix = WORK / label
    events = WORK / f"{label}-events.jsonl"
    events.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_PLAN": str(plan_path),
        "BENCH_EVENTS": str(events),
        "PYTHONWARNINGS": "ignore",
    }
    command = [
        str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "benchmarks/load.py"), "--headless",
        "-u", str(users), "-r", "10", "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    log(f"locust {label}: {users} users, {seconds} s against {base}")
    started = time.time()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    marks = during(started) if during else {}
    process.wait(timeout=seconds + 120)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    timeline = [json.loads(line) for line in events.read_text().splitlines() if line]
    return rows, timeline, started, marks


def report(label, rows, timeline):
    print(f"\n== {label}")
    print(f"{'page':<10} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for row in rows:
        print(
            f"{row['Name']:<10} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7}"
        )
    errors = {}
    for event in timeline:
        if event["error"] or event["status"] >= 400 or event["status"] == 0:
            key = (event["name"], event["status"], (event["error"] or "")[:90])
            errors[key] = errors.get(key, 0) + 1
    for (name, status, error), count in sorted(errors.items()):
        print(f"  error: {count} × {name} status {status} {error}")
    if not errors:
        print("  no errors")


def steady(args, processes, base, plan_path):
    rows, timeline, _, _ = run_locust(base, plan_path, "steady", args.seconds, args.users)
    report("steady: 2 gunicorn instances × 2 workers, one engine node", rows, timeline)


def failover(args, processes, base, plan_path, second_instance):
    def stops(started):
        time.sleep(max(0, started + 20 - time.time()))
        log("stopping engine node 2")
        subprocess.run(
            [str(ROOT / "scripts/search-engine/cluster"), "stop", "2"],
            check=True,
            env=cluster_env(),
        )
        node_stopped = time.time()
        time.sleep(max(0, started + 30 - time.time()))
        log("stopping the second gunicorn instance (SIGTERM, as systemctl stop)")
        app_stopping = time.time()
        Processes.stop(second_instance)
        return {"node": node_stopped, "app": app_stopping, "app_stopped": time.time()}

    rows, timeline, started, marks = run_locust(
        base, plan_path, "failover", args.seconds, args.users, stops
    )
    report("failover: engine node 2 stopped at 20 s, second gunicorn at 30 s", rows, timeline)
    searches_after = [e for e in timeline if e["name"] == "search" and e["t"] > marks["node"] + 1]
    answered = sum(1 for e in searches_after if e["status"] == 200)
    print(
        f"  searches after the engine node stopped: {answered} of {len(searches_after)} answered (200)"
    )
    window = (marks["app"] - 1, marks["app_stopped"] + 2)
    failed = [e for e in timeline if e["error"] or e["status"] >= 500 or e["status"] == 0]
    near = [e for e in failed if window[0] <= e["t"] <= window[1]]
    print(
        f"  errors: {len(failed)}; {len(near)} while the second instance was stopping "
        f"({marks['app_stopped'] - marks['app']:.1f} s), {len(failed) - len(near)} at other times"
    )


def ratings(base, plan):
    """1,000 concurrent ratings of one resource by 200 members; the stored aggregate must
    equal the count and sum of the ratings left."""
    import requests
    import urllib3
    from django.db.models import Count, Sum

    from community.models import Rating
    from library.models import ResourcePage

    urllib3.disable_warnings()
    key = plan["resource_keys"][0]
    Rating.objects.filter(translation_key=key).delete()
    from community.ratings import recount_ratings

    recount_ratings(key)
    jobs = [(plan["members"][n % MEMBERS], random.randint(1, 5)) for n in range(1000)]

    def rate(job):
        member, stars = job
        response = requests.post(
            f"{base}/en/r/{key}/rate/",
            data={"stars": stars, "csrfmiddlewaretoken": member["csrf"]},
            headers={
                "Cookie": f"{plan['session_cookie']}={member['session']}; {plan['csrf_cookie']}={member['csrf']}",
                "Origin": base,
                "Referer": f"{base}/en/",
            },
            verify=False,
            allow_redirects=False,
            timeout=120,
        )
        return response.status_code

    log("ratings: 1,000 concurrent ratings by 200 members (100 at a time)")
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(pool.map(rate, jobs))
    elapsed = time.perf_counter() - started
    left = Rating.objects.filter(translation_key=key).aggregate(
        count=Count("pk"), total=Sum("stars")
    )
    stored = set(
        ResourcePage.objects.filter(translation_key=key).values_list("rating_count", "rating_sum")
    )
    codes = {code: statuses.count(code) for code in sorted(set(statuses))}
    print("\n== ratings: 1,000 concurrent ratings of one resource by 200 members")
    print(f"  {elapsed:.1f} s ({1000 / elapsed:.1f} ratings/s); answers: {codes}")
    print(f"  ratings stored: {left['count']} members, sum {left['total']}")
    print(f"  aggregate on the resource (every translation): {sorted(stored)}")
    ok = stored == {(left["count"], left["total"])}
    print(f"  aggregate equals the ratings: {'YES' if ok else 'NO'}")
    return ok


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("run", choices=["steady", "failover", "ratings", "all"])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--skip-load", action="store_true", help="the demo library is loaded already"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    WORK.mkdir(parents=True, exist_ok=True)
    database = database_url()
    ensure_database(database)
    processes = Processes()
    cluster = False
    try:
        cache_url = start_cache(processes)
        log(f"shared cache: {cache_url}")
        if args.run in ("failover", "all"):
            base_port = free_port()
            os.environ["BENCH_CLUSTER_PORT"] = str(base_port)
            subprocess.run(
                [str(ROOT / "scripts/search-engine/cluster"), "start"],
                check=True,
                env=cluster_env(),
            )
            cluster = True
        static_root = WORK / "static"
        # The steady run uses the engine named in the environment; failover, the cluster.
        single = os.environ.get("TASHARUK_SEARCH_URL", "")
        nodes = f"http://127.0.0.1:{os.environ.get('BENCH_CLUSTER_PORT', '0')},http://127.0.0.1:{int(os.environ.get('BENCH_CLUSTER_PORT', '0')) + 1}"
        env = environment(database, single, "bench-load", cache_url, static_root)
        manage(env, "migrate", "--noinput", "-v", "0")
        if not args.skip_load:
            manage(env, "load_demo_data")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        if args.run in ("steady", "ratings", "all"):
            manage(env, "search_index", "rebuild", "--no-progress")
            site = serve(processes, env, static_root)
            plan_path, plan = make_plan(env, site["base"])
            if args.run in ("steady", "all"):
                steady(args, processes, site["base"], plan_path)
            if args.run in ("ratings", "all"):
                ratings(site["base"], plan)
            site["stop"]()
        if args.run in ("failover", "all"):
            env = environment(
                database, nodes, "bench-load-cluster", cache_url, static_root, replicas=1
            )
            manage(env, "search_index", "rebuild", "--no-progress")
            site = serve(processes, env, static_root)
            plan_path, plan = make_plan(env, site["base"])
            failover(args, processes, site["base"], plan_path, site["second"])
            site["stop"]()
        print(
            f"\nuptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
        )
    finally:
        processes.stop_all()
        if cluster:
            subprocess.run([str(ROOT / "scripts/search-engine/cluster"), "stop"], env=cluster_env())


if __name__ == "__main__":
    main()
