"""Index administration: versioned indexes behind an alias, created, filled (bulk indexing),
tuned for a rebuild and swapped in one atomic step; refresh and health.

Indexes get the configured number of replicas."""

import logging
import time

from django.conf import settings
from opensearchpy import helpers
from opensearchpy.exceptions import NotFoundError, RequestError

from .client import ADMIN_TIMEOUT, alias_name, client, replicas
from .index import engine_document, index_body

logger = logging.getLogger(__name__)


# While a rebuild fills a new index nobody searches yet: no refreshes, the translog synced in
# the background rather than on every bulk request (a crash just means rebuild again), and no
# replicas: each document is analysed once, and the replicas are copied as finished segments
# afterwards, which costs the cluster far less than indexing every document on every copy.
_BUILD_SETTINGS = {
    "refresh_interval": "-1",
    "translog.durability": "async",
    "number_of_replicas": 0,
}
_SERVING_SETTINGS = {"refresh_interval": "1s", "translog.durability": "request"}
# Settings only OpenSearch knows; an Elasticsearch-API engine refuses an index that has them.
_OPENSEARCH_ONLY_SETTINGS = [
    "search.concurrent_segment_search.mode",
    "search.concurrent.max_slice_count",
]


def create_index(for_rebuild=False):
    """Create a new versioned index (not yet behind the alias) and return its name.

    `for_rebuild`: tuned for bulk loading until `finish_rebuild(name)`."""
    name = f"{alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"
    body = index_body()
    if for_rebuild:
        body["settings"].update(_BUILD_SETTINGS)
    if client().info().get("version", {}).get("distribution") != "opensearch":
        for setting in _OPENSEARCH_ONLY_SETTINGS:
            body["settings"].pop(setting, None)
    try:
        client().indices.create(index=name, body=body, request_timeout=ADMIN_TIMEOUT)
    except RequestError as error:
        # A retry (another node, after a timeout) of a request whose first attempt did create
        # the index: the name is unique to this call, so the index there is this one.
        if error.error != "resource_already_exists_exception":
            raise
    return name


def finish_rebuild(name):
    """Restore the serving settings of an index filled by a rebuild, make it searchable, and
    wait (TASHARUK_SEARCH["REPLICA_WAIT_SECONDS"] at most) until its replicas are copied, so
    the alias never moves to an index a single node's loss would take away."""
    serving = {**_SERVING_SETTINGS, "number_of_replicas": replicas()}
    client().indices.put_settings(
        index=name, body={"index": serving}, request_timeout=ADMIN_TIMEOUT
    )
    client().indices.refresh(index=name, request_timeout=ADMIN_TIMEOUT)
    if replicas():
        wait = int(settings.TASHARUK_SEARCH.get("REPLICA_WAIT_SECONDS", 120))
        status = client().cluster.health(
            index=name, wait_for_status="green", timeout=f"{wait}s", request_timeout=wait + 30
        )
        if status.get("timed_out"):
            # Searches still work from the primaries; the cluster copies the replicas as soon
            # as a node can take them (too few nodes for the replica count, or no disk room).
            logger.warning(
                "index %s is %s: its %d replicas are not all assigned yet",
                name,
                status.get("status"),
                replicas(),
            )


def alias_target():
    """The index the alias points at, or None."""
    try:
        aliases = client().indices.get_alias(name=alias_name())
    except NotFoundError:
        return None
    return next(iter(aliases), None)


def index_vocabulary(name=None):
    """The layout and vocabulary fingerprint (index_fingerprint) the index (default: the
    alias's) was built with, or None."""
    name = name or alias_target()
    if name is None:
        return None
    mapping = client().indices.get_mapping(index=name)
    return next(iter(mapping.values()))["mappings"].get("_meta", {}).get("vocabulary")


def ensure_index():
    """Make sure the alias exists (an empty index behind it on first use)."""
    if alias_target() is None:
        name = create_index()
        client().indices.put_alias(index=name, name=alias_name(), request_timeout=ADMIN_TIMEOUT)


def swap_alias(new_index):
    """Point the alias at `new_index` in one atomic step; delete the index it left."""
    old = alias_target()
    actions = [{"add": {"index": new_index, "alias": alias_name()}}]
    if old:
        actions.insert(0, {"remove": {"index": old, "alias": alias_name()}})
    client().indices.update_aliases(body={"actions": actions}, request_timeout=ADMIN_TIMEOUT)
    if old and old != new_index:
        client().indices.delete(index=old, ignore_unavailable=True, request_timeout=ADMIN_TIMEOUT)


def bulk_index(documents, index=None, strict=False):
    """Index or delete documents: `documents` maps translation_key to a document or None.

    Deleting what is not there is fine; with `strict`, any failed item raises."""
    index = index or alias_name()
    actions = []
    for key, doc in documents.items():
        if doc is None:
            actions.append({"_op_type": "delete", "_index": index, "_id": str(key)})
        else:
            actions.append({"_index": index, "_id": str(key), "_source": engine_document(doc)})
    if actions:
        # A bulk request of a rebuild waits while the engine merges segments: at a million
        # resources one took more than the searches' timeout (10 s), and the rebuild failed.
        _ok, errors = helpers.bulk(
            client(), actions, raise_on_error=False, refresh=False, request_timeout=ADMIN_TIMEOUT
        )
        failed = [e for e in errors if strict or "delete" not in e]
        if failed:
            raise RuntimeError(f"{len(failed)} documents failed to index: {failed[:3]}")


def refresh():
    client().indices.refresh(index=alias_name(), request_timeout=ADMIN_TIMEOUT)


def health():
    """Engine name and version, cluster status and nodes, alias target, document count and the
    index's replicas (None without an index)."""
    info = client().info()
    cluster = client().cluster.health()
    target = alias_target()
    count = client().count(index=alias_name())["count"] if target else None
    index_replicas = None
    if target:
        index_settings = client().indices.get_settings(
            index=target, name="index.number_of_replicas"
        )
        index_replicas = int(index_settings[target]["settings"]["index"]["number_of_replicas"])
    return {
        "engine": info.get("version", {}).get("distribution", "elasticsearch"),
        "version": info.get("version", {}).get("number"),
        "status": cluster["status"],
        "nodes": cluster["number_of_nodes"],
        "alias": alias_name(),
        "index": target,
        "documents": count,
        "replicas": index_replicas,
    }
