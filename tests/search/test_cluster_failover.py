"""Search on a two-node cluster keeps answering while a node is down, and what members change
during the outage is in the index (on both copies) once the node is back.

The cluster is scripts/search-engine/cluster: node 1 is cluster manager and data node, node 2
a data node only, so stopping node 2 leaves a cluster that still works (see the script for why
two manager-eligible nodes would not). It runs from the distribution scripts/search-engine/start
unpacks into .build/search-engine: without it the test skips, except in CI, where it fails.
"""

import os
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from opensearchpy import OpenSearch

from community import ratings
from search import engine, services
from search.models import PendingIndexUpdate

from .conftest import index, make_resource

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "search-engine" / "cluster"
FIRST_PORT = int(os.environ.get("SEARCH_CLUSTER_PORT", "9221"))
URLS = [f"http://127.0.0.1:{FIRST_PORT}", f"http://127.0.0.1:{FIRST_PORT + 1}"]
START_SECONDS = 240  # both nodes from cold on a busy two-core runner
LOOP_SECONDS = 300  # the whole outage: stop, changes, restart, recovery
PAUSE = 0.2  # between searches: a steady stream that leaves the restarting node CPU
WARMUP_SEARCHES = 10  # answered with both nodes up before node 2 is stopped
SEARCHES_BEFORE_CHANGES = 5  # answered with node 2 down before the changes are made


def _cluster_script(*args, timeout):
    environment = {**os.environ, "SEARCH_ENGINE_TIMEOUT": str(START_SECONDS)}
    subprocess.run([SCRIPT, *args], check=True, timeout=timeout, cwd=REPO, env=environment)


def _answers(url):
    try:
        OpenSearch(hosts=[url], timeout=2, max_retries=0).info()
    except Exception:  # noqa: BLE001 - down, starting or absent: all "no"
        return False
    return True


@pytest.fixture(scope="module")
def cluster():
    """The two nodes' URLs; started here (and stopped afterwards, whatever happens) unless a
    developer already runs the cluster, which is then left running."""
    if not any((REPO / ".build" / "search-engine").glob("opensearch-*/.complete")):
        problem = "no OpenSearch distribution in .build/search-engine (scripts/search-engine/start)"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the two-node cluster: {problem}")
        pytest.skip(problem)
    already_running = all(_answers(url) for url in URLS)
    try:
        _cluster_script("start", timeout=START_SECONDS + 30)
        yield URLS
    finally:
        if not already_running:
            _cluster_script("stop", timeout=150)


def _wait_for_green(timeout=90):
    status = engine.client().cluster.health(
        index=engine.alias_name(),
        wait_for_status="green",
        timeout=f"{timeout}s",
        request_timeout=timeout + 15,
    )
    assert status["status"] == "green", status


def _replicas_of(index_name):
    settings = engine.client().indices.get_settings(index=index_name)
    return int(settings[index_name]["settings"]["index"]["number_of_replicas"])


def _put_primary_on_node_2():
    """Move the index's primary to node 2, the node the test stops, so the outage also covers
    the harder case: node 1's replica must be promoted while searches and writes go on. (The
    engine puts the primary on either node; the replica is dropped while the primary moves,
    since a shard's two copies never share a node, then copied back to node 1.)"""
    client, name = engine.client(), engine.alias_name()
    client.indices.put_settings(
        index=name,
        body={
            "index.number_of_replicas": 0,
            "index.routing.allocation.require._name": "tasharuk-node-2",
        },
    )
    client.cluster.health(
        index=name,
        wait_for_no_relocating_shards=True,
        wait_for_status="green",
        timeout="60s",
        request_timeout=75,
    )
    client.indices.put_settings(
        index=name,
        body={"index.number_of_replicas": 1, "index.routing.allocation.require._name": None},
    )


class _Outage(threading.Thread):
    """Stops node 2 once the loop has answered with both nodes, waits for the changes made
    while it is down, starts it again and waits until its copies are back in step. No database
    work here: the test's own thread does all of it, inside the test's transaction."""

    def __init__(self, urls):
        super().__init__(name="node-2-outage", daemon=True)
        self.urls = urls
        self.phase = "both nodes up"
        self.warmed_up = threading.Event()
        self.node_down = threading.Event()
        self.changes_made = threading.Event()
        self.over = threading.Event()
        self.abandoned = False  # the test failed: stop or start nothing more
        self.error = None

    def run(self):
        try:
            self.warmed_up.wait(60)
            if self.abandoned:
                return
            self.phase = "node 2 stopping"
            _cluster_script("stop", "2", timeout=90)
            self.phase = "node 2 down"
            self.node_down.set()
            self.changes_made.wait(60)
            if self.abandoned:  # node 2 stays down; the fixture stops the cluster
                return
            self.phase = "node 2 starting"
            _cluster_script("start", "2", timeout=START_SECONDS + 30)
            self.phase = "node 2 recovering"
            health = OpenSearch(hosts=[self.urls[0]], timeout=5).cluster.health(
                wait_for_status="green", timeout="90s", request_timeout=105
            )
            if health["status"] != "green":
                raise AssertionError(f"cluster not green after node 2 returned: {health}")
            self.phase = "recovered"
        except BaseException as error:  # noqa: BLE001 - reported by the test's thread
            self.error = error
        finally:
            self.node_down.set()
            self.over.set()


def test_search_answers_through_a_node_outage_and_its_changes_reach_both_copies(
    cluster, settings, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    settings.TASHARUK_SEARCH = {
        **settings.TASHARUK_SEARCH,
        "URL": ",".join(cluster),
        "REPLICAS": 1,
    }
    guides = [
        make_resource(f"Failover field guide {n}", summary="Keeping sources safe") for n in range(3)
    ]
    index(*guides)
    assert not PendingIndexUpdate.objects.exists(), "the cluster did not take the first documents"
    assert _replicas_of(engine.alias_target()) == 1  # from the settings
    _put_primary_on_node_2()
    _wait_for_green()
    shards = engine.client().cat.shards(index=engine.alias_name(), format="json")
    placement = {shard["prirep"]: shard["node"] for shard in shards}
    assert placement == {"p": "tasharuk-node-2", "r": "tasharuk-node-1"}, shards

    outage = _Outage(cluster)
    outage.start()
    answers = []  # (phase, count, notice, seconds)
    outbox_during_outage = None
    fresh = None
    try:
        deadline = time.monotonic() + LOOP_SECONDS
        while not outage.over.is_set():
            assert time.monotonic() < deadline, f"outage not over after {LOOP_SECONDS}s"
            phase = outage.phase
            before = time.perf_counter()
            response = services.search("failover", "en")
            answers.append(
                (phase, response["count"], response.get("notice"), time.perf_counter() - before)
            )
            if len(answers) == WARMUP_SEARCHES:
                outage.warmed_up.set()
            searched_while_down = sum(answer[0] == "node 2 down" for answer in answers)
            if searched_while_down >= SEARCHES_BEFORE_CHANGES and not outage.changes_made.is_set():
                # While node 2 is down, through the site's own code paths: a member rates a
                # guide, an editor publishes a new resource (signals, outbox, after-commit).
                rater = get_user_model().objects.create_user("outage-rater", password="x" * 20)
                with django_capture_on_commit_callbacks(execute=True):
                    ratings.rate_resource(rater, guides[0].translation_key, 5)
                fresh = make_resource("Failover drill checklist", summary="Practise it")
                with django_capture_on_commit_callbacks(execute=True):
                    fresh.save_revision().publish()
                outbox_during_outage = PendingIndexUpdate.objects.count()
                outage.changes_made.set()
            time.sleep(PAUSE)
    finally:
        outage.abandoned = not outage.over.is_set()
        outage.warmed_up.set()
        outage.changes_made.set()
        outage.join(timeout=START_SECONDS + 120)
    if outage.error:
        raise outage.error

    per_phase = Counter(phase for phase, *_rest in answers)
    slowest = max(seconds for *_rest, seconds in answers)
    print(
        f"\ncluster failover: {len(answers)} searches {dict(per_phase)}, slowest {slowest:.2f}s, "
        f"primary on {placement['p']}, outbox after the outage's changes: "
        f"{outbox_during_outage}"
    )
    # Every search was answered by the engine (no reduced-mode notice) and found the guides.
    failed = [answer for answer in answers if answer[2] or answer[1] < len(guides)]
    assert not failed, failed[:5]
    assert per_phase["node 2 down"] >= SEARCHES_BEFORE_CHANGES, per_phase
    assert fresh is not None

    # The node is back: whatever the outbox kept is replayed (what the scheduled sync does).
    call_command("search_index", "sync")
    engine.refresh()
    assert PendingIndexUpdate.objects.count() == 0
    found = services.search("drill checklist", "en")
    assert "notice" not in found
    assert [result["title"] for result in found["results"]] == ["Failover drill checklist"]
    best = services.search("failover", "en", sort="rating")["results"][0]
    assert best["title"] == "Failover field guide 0"
    assert best["rating"] == {"average": 5.0, "count": 1}

    # Node 2's own copy has both changes too (it caught up when it came back).
    keys = [str(fresh.translation_key), str(guides[0].translation_key)]
    local = OpenSearch(hosts=[cluster[1]], timeout=5).search(
        index=engine.alias_name(),
        body={"query": {"ids": {"values": keys}}, "_source": ["rating_count"]},
        preference="_only_local",
    )
    on_node_2 = {hit["_id"]: hit["_source"]["rating_count"] for hit in local["hits"]["hits"]}
    assert on_node_2 == {keys[0]: 0, keys[1]: 1}
    print(f"cluster failover: test body took {time.monotonic() - started:.1f}s")


def test_a_rebuild_on_the_cluster_swaps_to_an_index_with_its_replicas_copied(cluster, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ",".join(cluster), "REPLICAS": 1}
    guide = make_resource("Replicated rebuild guide")
    index(guide)
    before = engine.alias_target()
    call_command("search_index", "rebuild", "--no-progress")
    after = engine.alias_target()
    assert after != before
    assert _replicas_of(after) == 1
    # Copied before the swap: both copies are already started, on different nodes.
    shards = engine.client().cat.shards(index=after, format="json")
    assert sorted((shard["prirep"], shard["state"]) for shard in shards) == [
        ("p", "STARTED"),
        ("r", "STARTED"),
    ], shards
    assert len({shard["node"] for shard in shards}) == 2
    assert [r["title"] for r in services.search("replicated", "en")["results"]] == [
        "Replicated rebuild guide"
    ]
