"""The connection to the engine: its nodes, the client that spreads requests over them, and
the one error callers handle (EngineUnavailable).

The engine may be one node or a cluster: the client gets every node listed in the settings
(requests go to each in turn; one that fails to connect or times out is retried on another).
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import ConnectionTimeout, NotFoundError

# Creating an index, changing settings and aliases wait for the cluster to apply the change on
# every node (new shards started), which on a busy cluster takes far longer than a search may.
ADMIN_TIMEOUT = 60


class EngineUnavailable(Exception):
    """The engine is not configured, unreachable or has no index yet."""


def nodes():
    """The engine's node URLs: TASHARUK_SEARCH["URL"], one URL or several separated by commas."""
    return [
        url.strip() for url in settings.TASHARUK_SEARCH.get("URL", "").split(",") if url.strip()
    ]


def configured():
    return bool(nodes())


def alias_name():
    return f"{settings.TASHARUK_SEARCH['INDEX_PREFIX']}-resources"


def replicas():
    """Copies of each shard besides the primary (TASHARUK_SEARCH["REPLICAS"])."""
    return int(settings.TASHARUK_SEARCH.get("REPLICAS", 0))


@cache
def _client(urls, user, password, api_key, ca_certs, timeout, retries):
    """One client (and connection pool per node) for each configuration.

    Requests go to the nodes in turn. One that cannot connect or times out is retried on the
    next node, and the failed node is left out for a minute (doubling while it keeps failing),
    so a node that is down costs one refused connection, not a timeout per search. No sniffing
    (asking the cluster for its other nodes): the nodes listed are the ones used, which is what
    a managed cluster behind one endpoint, or nodes on loopback, need.
    """
    if user and api_key:
        raise ImproperlyConfigured("Set a search engine user or an API key, not both.")
    retries = len(urls) - 1 if retries is None else retries
    options = {}
    if user:
        options["http_auth"] = (user, password)
    if api_key:
        options["headers"] = {"authorization": f"ApiKey {api_key}"}
    if ca_certs:
        options["ca_certs"] = ca_certs  # certificates are always verified; this adds a CA
    return OpenSearch(
        hosts=list(urls),
        timeout=timeout,
        max_retries=retries,
        retry_on_timeout=retries > 0,
        pool_maxsize=8,
        **options,
    )


def client():
    if not configured():
        raise EngineUnavailable("no search engine configured")
    config = settings.TASHARUK_SEARCH
    return _client(
        tuple(nodes()),
        config.get("USER", ""),
        config.get("PASSWORD", ""),
        config.get("API_KEY", ""),
        config.get("CA_CERTS", ""),
        float(config.get("TIMEOUT", 10)),
        config.get("RETRIES"),
    )


def _unavailable(error):
    return isinstance(error, EngineConnectionError | ConnectionTimeout | NotFoundError)
