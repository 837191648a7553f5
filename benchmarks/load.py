"""Locust file for the load figures (docs/benchmarks/load.md); benchmarks/load_run.py runs it.

Readers (nine in ten users) open the home page, searches, resources and categories in both
languages; members (one in ten, signed in with sessions the driver made) also rate resources
and save them to their collections. What they open comes from the plan the driver writes
(BENCH_PLAN: a JSON file); every response is also logged with its time to BENCH_EVENTS (JSON
lines), so the failover run can tell which errors fell when something was stopped.

Run by hand (a plan and a site on loopback are needed first; the driver makes both):

  BENCH_PLAN=.build/load/plan.json .venv/bin/locust -f benchmarks/load.py --headless \\
      -u 50 -r 10 --run-time 60s --host https://127.0.0.1:<port>
"""

import json
import os
import random
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text(encoding="utf-8"))
_events = None
if os.environ.get("BENCH_EVENTS"):
    _events = open(os.environ["BENCH_EVENTS"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115


@events.request.add_listener
def _log(request_type, name, response_time, response_length, response, exception, **_):
    if _events is None:
        return
    status = getattr(response, "status_code", 0)
    _events.write(
        json.dumps(
            {
                "t": time.time(),
                "name": name,
                "ms": response_time,
                "status": status,
                "error": repr(exception) if exception else None,
            }
        )
        + "\n"
    )


class Reader(HttpUser):
    """A signed-out reader."""

    weight = 9
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.verify = False  # the driver's throwaway certificate, on loopback only
        self.language = random.choice(["en", "ar"])

    @task(3)
    def search(self):
        language, query = random.choice(PLAN["searches"])
        self.client.get(f"/{language}/search/?{urlencode({'q': query})}", name="search")

    @task(4)
    def resource(self):
        self.client.get(random.choice(PLAN["resources"]), name="resource")

    @task(2)
    def category(self):
        self.client.get(random.choice(PLAN["categories"]), name="category")

    @task(1)
    def home(self):
        self.client.get(f"/{self.language}/", name="home")


class Member(Reader):
    """A signed-in member: reads like anyone, and rates and saves resources."""

    weight = 1

    def on_start(self):
        super().on_start()
        member = random.choice(PLAN["members"])
        self.client.headers["Cookie"] = (
            f"{PLAN['session_cookie']}={member['session']}; {PLAN['csrf_cookie']}={member['csrf']}"
        )
        self.csrf = member["csrf"]
        self.form_headers = {"Origin": self.host, "Referer": f"{self.host}/en/"}

    @task(2)
    def rate(self):
        key = random.choice(PLAN["resource_keys"])
        self.client.post(
            f"/en/r/{key}/rate/",
            data={"stars": random.randint(1, 5), "csrfmiddlewaretoken": self.csrf},
            headers=self.form_headers,
            name="rate",
            allow_redirects=False,
        )

    @task(1)
    def save(self):
        key = random.choice(PLAN["resource_keys"])
        self.client.post(
            f"/en/r/{key}/save/",
            data={"csrfmiddlewaretoken": self.csrf},
            headers=self.form_headers,
            name="save",
            allow_redirects=False,
        )
