"""Counting on PostgreSQL: the total and the facets, as the engine counts them, in one pass
over the matches (and, for a filtered relevance search, the page in the same statement)."""

from collections import Counter

from django.db import connection, transaction

from ..engine.ranking import FACETS
from ..match_rows import FACET_VALUE_TABLE, MATCH_TABLE
from .matching import _match_sql
from .ranking import _score_sql
from .statements import (
    _LIST_FACETS,
    _serial,
    _statement_settings,
)
from .storage import _FACET_COLUMNS, _longest


def _count_matches(match_query):
    with transaction.atomic(), connection.cursor() as cursor:
        _statement_settings(cursor, groups=True)
        cursor.execute(
            f"SELECT count(*) FROM {MATCH_TABLE} d WHERE d.match_vector @@ to_tsquery('simple', %s)",
            [match_query],
        )
        return cursor.fetchone()[0]


def _matches_cte(groups, match_query, selected, materialized=None, scored=False):
    """`m`: the matches, each with the ids of its facet values (facet_ids, migration
    search/0005), its rating, the selected facets' own columns, which selected filter it fails
    (`failed`: 1, 2, … in the order of `selected`, 0 for none), whether it passes them all and
    (`scored`) the relevance score of those that do; matches failing two filters or more are
    left out, as they count for no facet. Returns the WITH clause and its parameters."""
    match_sql, match_params = _match_sql(match_query)
    # Per selected facet, whether the row holds any of the selected values; the ids are looked
    # up once per statement, in its snapshot.
    passes, passes_params = [], []
    for facet, values in selected.items():
        if facet == "max_minutes":  # any number of minutes, not only the facet's steps
            passes.append("coalesce(d.time_minutes <= %s, false)")
            passes_params.append(_longest(values))
            continue
        passes.append(
            f"d.facet_ids && ARRAY(SELECT id FROM {FACET_VALUE_TABLE} "
            "WHERE facet = %s AND value = ANY(%s))"
        )
        passes_params += [facet, list(values)]
    failed, failed_params = "0", []
    if passes:
        failed = "CASE " + " ".join(
            f"WHEN NOT {test} THEN {number}" for number, test in enumerate(passes, start=1)
        )
        failed += " ELSE 0 END"
        failed_params = passes_params
    at_most_one_failed, at_most_one_params = "TRUE", []
    if len(passes) > 1:
        at_most_one_failed = " + ".join(f"(NOT {test})::integer" for test in passes) + " <= 1"
        at_most_one_params = passes_params
    columns = ["document_id", "facet_ids", "rating_bayesian"]
    columns += [_FACET_COLUMNS[facet] for facet in selected]
    kept = ", ".join(f"found.{column}" for column in columns)
    score, score_params = "", []
    if scored:  # read from the row the scan has just read, for the matches that count
        score, score_params = _score_sql(groups, match_query, alias="found")
        score = f", CASE WHEN found.failed = 0 THEN {score} END AS score"
        columns.append("rank_vector")
    how = {True: "MATERIALIZED ", False: "NOT MATERIALIZED "}.get(materialized, "")
    sql = (
        f"WITH m AS {how}(SELECT {kept}, found.failed, found.failed = 0 AS passes{score} "
        f"FROM (SELECT {', '.join(f'd.{column}' for column in columns)}, {failed} AS failed "
        f"FROM {MATCH_TABLE} d WHERE {match_sql} AND {at_most_one_failed}) found)"
    )
    return sql, score_params + failed_params + match_params + at_most_one_params


def _facet_rows_sql(selected):
    """The facet counts of `m` as rows (facet, value, matches), as the engine counts them: each
    facet over the matches under the other facets' filters.

    A match that passes every filter counts for all its values, read as the ids of its
    facet_ids plus id 0, which no value has (its count is the total). One that fails exactly
    one filter counts only for that facet's values (a facet's own selection does not narrow
    it), read from the facet's own column."""
    parts = [
        f"SELECT f.facet, f.value, c.matches FROM ("
        f"  SELECT value_id, count(*) AS matches"
        f"  FROM (SELECT unnest(m.facet_ids || 0) AS value_id FROM m WHERE m.passes) v"
        f"  GROUP BY value_id"
        f") c LEFT JOIN {FACET_VALUE_TABLE} f ON f.id = c.value_id"
    ]
    for number, facet in enumerate(selected, start=1):
        column = f"m.{_FACET_COLUMNS[facet]}"
        if facet in _LIST_FACETS:
            parts.append(
                f"SELECT '{facet}', value, count(*) FROM (SELECT jsonb_array_elements_text("
                f"{column}) AS value FROM m WHERE m.failed = {number}) v GROUP BY value"
            )
        else:
            parts.append(
                f"SELECT '{facet}', {column}, count(*) FROM m "
                f"WHERE m.failed = {number} AND {column} <> '' GROUP BY {column}"
            )
    return " UNION ALL ".join(parts)


def _facets_from_rows(rows):
    """(total, facets) from the rows of _facet_rows_sql."""
    counts = {facet: Counter() for facet in FACETS}
    total = 0
    for facet, value, matches in rows:
        if facet is None:  # id 0
            total = matches
        elif facet in counts:
            counts[facet][value] += matches
    facets = {
        facet: sorted(counts[facet].items(), key=lambda item: (-item[1], item[0]))
        for facet in FACETS
    }
    return total, facets


def _counts(groups, match_query, selected):
    """(total, facets) of a search on PostgreSQL, counted in one pass over the matches.

    Without filters, the matches are read once, so PostgreSQL's workers each count a share of
    them and the counts are added up (about 40% faster on two cores at 100,000 matches)."""
    matches, params = _matches_cte(groups, match_query, selected)
    with transaction.atomic(), connection.cursor() as cursor:
        _statement_settings(cursor, groups)
        if selected:
            _serial(cursor)
        cursor.execute(f"{matches} {_facet_rows_sql(selected)}", params)
        return _facets_from_rows(cursor.fetchall())


def _counts_and_page(groups, match_query, selected, page, page_size):
    """(total, facets, page's document ids) of a filtered relevance search on PostgreSQL, in
    one statement that finds the matches once (for a query of many words and forms, finding
    them is the larger part of the work).

    Counting keeps the matches aside (see _matches_cte) with the score of those that pass the
    filters, computed from the rows as they are read: the filters leave few enough that ranking
    all of them costs less than a second look-up of the titles that can rank (see _page)."""
    matches, params = _matches_cte(groups, match_query, selected, materialized=True, scored=True)
    offset, limit = (page - 1) * page_size, page_size
    sql = (
        f"{matches}, facet_rows AS ({_facet_rows_sql(selected)}), "
        f"ranked AS (SELECT document_id, score FROM m WHERE m.passes "
        f"  ORDER BY score DESC, document_id LIMIT %s OFFSET %s) "
        f"SELECT facet, value, matches, NULL::bigint, NULL::double precision "
        f"FROM facet_rows "
        f"UNION ALL SELECT NULL, NULL, NULL, document_id, score FROM ranked"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        _statement_settings(cursor, groups)
        _serial(cursor)
        cursor.execute(sql, params + [limit, offset])
        rows = cursor.fetchall()
    total, facets = _facets_from_rows([row[:3] for row in rows if row[3] is None])
    ranked = sorted((-row[4], row[3]) for row in rows if row[3] is not None)
    return total, facets, [document_id for _score, document_id in ranked]
