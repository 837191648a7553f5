"""The narrow match rows that the PostgreSQL fallback (search.database) reads and the concept
tags (search.concept_tags) write: their tables, kept by database triggers, their version, and
their word index's upkeep."""

from django.db import connection

# The narrow row per document (vectors, facet values, rating, date) that matching, ranking and
# counting read; kept by database triggers (migration search/0003_match_rows).
MATCH_TABLE = "search_documentmatch"
# Advanced by those triggers on every change (migration search/0004_match_version).
VERSION_SEQUENCE = "search_documentmatch_version"
# Every facet value ever stored, with the id the narrow rows' facet_ids hold (migration
# search/0005_facet_ids); kept by the same triggers.
FACET_VALUE_TABLE = "search_facetvalue"


def clean_word_index():
    """Move the entries that bulk writes left in the word index's pending list into the index
    proper (PostgreSQL only). GIN collects new entries in a list that every search reads from
    end to end until a vacuum cleans it: after a rebuild or re-tagging rewrote thousands of
    rows, that list made each search 15-30% slower until autovacuum came by."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [f"{MATCH_TABLE}_match"])
