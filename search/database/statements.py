"""Facet filters as SQL, and the per-transaction settings the fallback's statements run with."""

from .storage import _FACET_COLUMNS, _longest

# JSON arrays; the others are plain columns.
_LIST_FACETS = {"category", "language", "region", "audience", "max_minutes"}


def _facet_filter(facet, alias="d"):
    if facet == "max_minutes":
        return f"{alias}.time_minutes <= %s"
    column = f"{alias}.{_FACET_COLUMNS[facet]}"
    if facet in _LIST_FACETS:
        return f"{column} ?| %s"  # the JSON array holds any of the values
    return f"{column} = ANY(%s)"


def _filters_sql(selected, skip=None, alias="d"):
    clauses, params = [], []
    for facet, values in selected.items():
        if facet != skip:
            clauses.append(_facet_filter(facet, alias))
            params.append(_longest(values) if facet == "max_minutes" else list(values))
    return (" AND ".join(clauses) or "TRUE"), params


def _tune(cursor):
    """Per-transaction settings for the fallback's statements.

    JIT compilation is what PostgreSQL picks for a broad query's high estimated cost, but it
    compiles for half a second to save a few milliseconds here; and the matched rows' facet
    columns must fit in memory rather than spill to a temporary file."""
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL work_mem = '32MB'")


def _statement_settings(cursor, groups):
    _tune(cursor)
    if groups:
        # A broad query matches most rows, and the planner then prefers reading the whole
        # table, which unpacks every row's long body vector (seconds at 100,000 rows). The
        # GIN index answers word and prefix matches exactly, so the bitmap scan reads only
        # the short heap rows: several times faster at any breadth.
        cursor.execute("SET LOCAL enable_seqscan = off")


def _serial(cursor):
    """No parallel workers for this transaction's statement: with the matches kept aside for
    several counts (a filtered search, see _matches_cte), PostgreSQL would pass each of them
    from its workers to the one process that keeps them, which costs more than they save."""
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
