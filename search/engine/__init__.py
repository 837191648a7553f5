"""The OpenSearch backend. Only this package talks to the engine.

- client: the nodes, the client, EngineUnavailable;
- ranking: facets, field weights and boosts (shared with the database fallback);
- index: the index definition and its analysis, the document the engine stores;
- lifecycle: versioned indexes behind an alias, bulk indexing, rebuild settings, health;
- queries: the request body of one search;
- searching: running a search or a count;
- suggestions: title completions and spelling corrections.

What the rest of the site calls is re-exported here (`from search import engine`, then
`engine.search(...)`); the package's own modules import each other directly.
"""

from .client import EngineUnavailable, alias_name, client, configured, nodes, replicas
from .index import index_fingerprint
from .lifecycle import (
    alias_target,
    bulk_index,
    create_index,
    ensure_index,
    finish_rebuild,
    health,
    index_vocabulary,
    refresh,
    swap_alias,
)
from .ranking import FACETS, MAX_RESULT_WINDOW
from .searching import count, search
from .suggestions import autocomplete, spelling

__all__ = [
    "FACETS",
    "MAX_RESULT_WINDOW",
    "EngineUnavailable",
    "alias_name",
    "alias_target",
    "autocomplete",
    "bulk_index",
    "client",
    "configured",
    "count",
    "create_index",
    "ensure_index",
    "finish_rebuild",
    "health",
    "index_fingerprint",
    "index_vocabulary",
    "nodes",
    "refresh",
    "replicas",
    "search",
    "spelling",
    "swap_alias",
]
