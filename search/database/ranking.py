"""Ranking on PostgreSQL: the relevance score in SQL (ts_rank over the titles, the
vocabulary's forms, the rating boost) and the page of document ids, best first."""

import json

from django.db import connection, transaction

from .. import concept_tags
from ..engine.ranking import RATING_BOOST, RATING_PIVOT, SYNONYM_BOOST
from ..match_rows import MATCH_TABLE
from ..query_words import _match_tsquery, _title_words_tsquery, _tsquery
from .matching import _match_sql
from .statements import _filters_sql, _statement_settings

# ts_rank of a title holding a query word once (what a title holding a vocabulary form of every
# group scores too, before SYNONYM_BOOST: see _score_sql); scaled so text relevance outweighs
# the rating boost (at most RATING_BOOST) as the Python scorer's weighted counts do.
TITLE_FORM_RANK = 0.0608
RANK_SCALE = 20.0
# Relevance ranking of a broad search: split (see _page) from this many matches, for pages
# within the first 1/SPLIT_RANKING_MAX_DEPTH of them.
SPLIT_RANKING_MIN_MATCHES = 5000
SPLIT_RANKING_MAX_DEPTH = 10
# … and when the titles that can rank are expected to be at most this share of the matches.
SPLIT_RANKING_MAX_TITLE_SHARE = 0.5
_OTHER_SORTS = ("rating", "newest")  # than relevance


def _rating_sql(alias):
    return f"{RATING_BOOST} * {alias}.rating_bayesian / ({alias}.rating_bayesian + {RATING_PIVOT})"


def _score_sql(groups, match, alias="d"):
    """The relevance score of narrow row `alias` as SQL, and its parameters: ts_rank of the
    typed words in the title, plus, as the portable scorer does per group (_score), a share of
    SYNONYM_BOOST for each group with any of its vocabulary forms in the title, plus the rating
    boost. `match` is the search's Match: a group with a usable tag is tested by its tag."""
    rating = _rating_sql(alias)
    if not groups:
        return rating, []
    # Per group, whether the title holds any of its forms: a yes/no test stops at the first
    # form found, where ts_rank over all the forms would look each of them up in every title
    # (half the ranking time of a concept with a dozen forms); a title tag is one look-up.
    tests, forms = [], []
    for group, tag in zip(groups, match.tags, strict=True):
        if tag:
            tests.append(f"({alias}.rank_vector @@ %s::tsquery)::integer")
            forms.append(concept_tags.tsquery_of([tag]))
        else:
            tests.append(f"({alias}.rank_vector @@ to_tsquery('simple', %s))::integer")
            forms.append(_match_tsquery([group]))  # the same test as all forms, fewer look-ups
    forms_weight = SYNONYM_BOOST * TITLE_FORM_RANK / len(groups)
    score = (
        f"{RANK_SCALE} * (ts_rank({alias}.rank_vector, to_tsquery('simple', %s)) "
        f"+ {forms_weight} * ({' + '.join(tests)})) + {rating}"
    )
    return score, [_tsquery(groups, exact=True), *forms]


def _split_ranking(cursor, groups, sort, total, offset, limit):
    """Whether to rank a page as the best of the title matches and the best rated matches.

    Only for a relevance search broad enough that the best rated matches are found within the
    first rows of the rating index (the rows read there are about (offset + limit) times the
    share of the table the search leaves out), and whose titles that can rank are few enough,
    by PostgreSQL's own estimate, that looking them up costs less than ranking every match
    (which PostgreSQL can share between its workers)."""
    if not (
        groups
        and sort not in _OTHER_SORTS
        and total >= SPLIT_RANKING_MIN_MATCHES
        and (offset + limit) * SPLIT_RANKING_MAX_DEPTH <= total
    ):
        return False
    cursor.execute(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {MATCH_TABLE} d "
        "WHERE d.rank_vector @@ to_tsquery('simple', %s)",
        [_title_words_tsquery(groups)],
    )
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # psycopg returns json already parsed; other drivers may not
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"] <= SPLIT_RANKING_MAX_TITLE_SHARE * total


def _page(groups, match_query, selected, sort, page, page_size, total):
    """The document ids of one page of a search on PostgreSQL, best first.

    A broad search ranks only what can make the page (see _split_ranking): a match whose title
    holds none of the query's word forms scores its rating boost plus the same constant as every
    other such match, so the best of those are the best rated; the page is the best of them
    and of the matches whose titles hold a form (the word index holds the titles too, and finds
    those in the same scan as the matches), ranked by the same score. Otherwise every match is
    ranked."""
    match_sql, match_params = _match_sql(match_query)
    score, score_params = _score_sql(groups, match_query)
    where, where_params = _filters_sql(selected)
    offset, limit = (page - 1) * page_size, page_size
    with transaction.atomic(), connection.cursor() as cursor:
        _statement_settings(cursor, groups)
        if _split_ranking(cursor, groups, sort, total, offset, limit):
            found = f"FROM {MATCH_TABLE} d WHERE {match_sql} AND {where}"
            found_params = match_params + where_params
            cursor.execute(
                f"SELECT DISTINCT document_id, score FROM ("
                f"  (SELECT d.document_id, {score} AS score {found}"
                f"   AND d.rank_vector @@ to_tsquery('simple', %s)"
                f"   ORDER BY score DESC, d.document_id LIMIT %s)"
                f"  UNION ALL"
                f"  (SELECT d.document_id, {score} AS score {found}"
                f"   ORDER BY d.rating_bayesian DESC, d.document_id LIMIT %s)"
                f") candidates ORDER BY score DESC, document_id LIMIT %s OFFSET %s",
                score_params
                + found_params
                + [_title_words_tsquery(groups), offset + limit]
                + score_params
                + found_params
                + [offset + limit, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]
        order = {
            "rating": "d.rating_bayesian DESC, score DESC",
            "newest": "d.published_at DESC NULLS LAST, score DESC",
        }.get(sort, "score DESC")
        cursor.execute(
            f"SELECT d.document_id, {score} AS score FROM {MATCH_TABLE} d "
            f"WHERE {match_sql} AND {where} ORDER BY {order}, d.document_id "
            "LIMIT %s OFFSET %s",
            score_params + match_params + where_params + [limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]
