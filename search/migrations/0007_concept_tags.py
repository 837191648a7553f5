"""PostgreSQL only: each narrow row's word vector also carries the vocabulary concepts its words
match, as tags, so a fallback search finds a concept's matches with one look-up in the word
index; its title vector carries the concepts its title matches, so ranking tests one tag per
title instead of a dozen forms.

A concept with a dozen forms ("digital security", "الأمن الرقمي", "cybersecurity", "امن
المعلومات"…) made the word index read and merge two dozen long lists of documents for every
search naming it: 110 ms of a broad search at 100,000 resources, twice (counting, then
ranking). A tag is one short list.

search_concepttag holds, per concept, the tsquery the fallback would match its forms with
(search.database._match_tsquery), written by search.concept_tags.sync; the row triggers tag
every row they write with the concepts whose query it matches. `current` says every row's tags
follow the stored query: the fallback uses a concept's tag only then, and only while the stored
query is still what the vocabulary gives (search.concept_tags.usable_tags); otherwise it
matches the forms as before. A new site starts with no tags and searches as before until
`search_index sync` (or the next vocabulary change, or a rebuild) writes them.
"""

import importlib

from django.db import migrations

from ._postgres import run

_rows = importlib.import_module("search.migrations.0003_match_rows")
_facets = importlib.import_module("search.migrations.0005_facet_ids")

# Rows are written in document order, the order re-tagging locks them in (no deadlock). A row
# written again exactly as it is (a rebuild of unchanged resources) is left alone: no
# new row version, nor its few hundred word-index entries written again.
_NARROW = ["match_vector", "rank_vector", *_rows._COPIED, "facet_ids"]
_STORED = ", ".join(f"search_documentmatch.{column}" for column in _NARROW)
_EXCLUDED = ", ".join(f"EXCLUDED.{column}" for column in _NARROW)
# The vectors are made once per row (a lateral subquery), then matched against every concept's
# query for their tags (about a millisecond a row with the demo vocabulary's 400 concepts). A
# row whose words have not changed (a rebuild of unchanged resources) keeps the tags it has,
# which follow the stored queries, unless a re-tagging is under way: its UPDATE may be waiting
# to commit a new tag on this very row, which keeping the old vector would then undo. The
# tags join the words' vector, which is stored out of line
# already, so the narrow rows that counting reads hardly grow; in the title vector they change
# no ts_rank (which reads only the query's own words).
_UPSERT = f"""
    INSERT INTO search_documentmatch (document_id, match_vector, rank_vector,
        {_facets._COLUMNS}, facet_ids)
    SELECT d.id,
        CASE WHEN stored.words = v.words AND settled.yes THEN stored.match_vector
        ELSE v.words || search_concept_tags(v.words) END,
        CASE WHEN stored.title = v.title AND settled.yes THEN stored.rank_vector
        ELSE v.title || search_concept_tags(v.title) END,
        {_facets._SOURCE_COLUMNS}, {_facets._FACET_IDS}
    FROM {{source}} d
    CROSS JOIN LATERAL (
        SELECT {_rows._MATCH_VECTOR} AS words, {_rows._RANK_VECTOR} AS title
    ) v
    LEFT JOIN LATERAL (
        SELECT m.match_vector, m.rank_vector, search_untagged(m.match_vector) AS words,
            search_untagged(m.rank_vector) AS title
        FROM search_documentmatch m WHERE m.document_id = d.id
    ) stored ON true
    CROSS JOIN (
        SELECT NOT EXISTS (SELECT 1 FROM search_concepttag WHERE NOT current) AS yes
    ) settled
    ORDER BY d.id
    ON CONFLICT (document_id) DO UPDATE SET
        match_vector = EXCLUDED.match_vector, rank_vector = EXCLUDED.rank_vector,
        {_facets._UPDATES}, facet_ids = EXCLUDED.facet_ids
    WHERE ({_STORED}) IS DISTINCT FROM ({_EXCLUDED})
"""


FORWARD = [
    """CREATE TABLE search_concepttag (
        identifier text PRIMARY KEY,
        source text NOT NULL,
        query tsquery NOT NULL,
        current boolean NOT NULL DEFAULT false
    )""",
    # A tag is '#' and the concept's identifier: the parser drops '#' from anything typed, so
    # no query word, prefix or not, can match a tag (nor a concept's query, whose words are
    # typed ones: matching a vector that holds tags gives the same answer).
    """CREATE FUNCTION search_concept_tags(words tsvector) RETURNS tsvector
    LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_to_tsvector(array_agg('#' || identifier)), ''::tsvector)
        FROM search_concepttag WHERE words @@ query
    $$""",
    """CREATE FUNCTION search_untagged(words tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE AS $$
        SELECT ts_delete(words, ARRAY(
            SELECT lexeme FROM unnest(words) WHERE left(lexeme, 1) = '#'
        ))
    $$""",
    _facets._upsert_function(_UPSERT),
]
BACKWARD = [
    _facets._upsert_function(_facets._UPSERT),
    # The rows keep their tags, which no search reads any more, until they are next written.
    "DROP FUNCTION IF EXISTS search_concept_tags(tsvector)",
    "DROP FUNCTION IF EXISTS search_untagged(tsvector)",
    "DROP TABLE IF EXISTS search_concepttag",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_rank_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
