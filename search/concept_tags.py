"""Concept tags of the PostgreSQL fallback: each narrow row's word vector also carries the
vocabulary concepts its words match, and its title vector those its title matches (migration
search/0007_concept_tags), so a search naming a concept reads one list of documents from the
word index instead of one per form of the concept, and ranking tests one tag per title.

A tag only stands in for a concept's forms when it finds exactly what they find: the stored
query of the concept must be the one the current vocabulary gives, and every row must have
been tagged with it (`current`). Until `sync` has brought a changed concept's rows in line,
searches match its forms, as they did before tags existed; nothing waits for it.
"""

from django.db import connection, transaction

from .match_rows import VERSION_SEQUENCE, clean_word_index
from .normalization import strip_particles
from .query_words import _match_tsquery

TABLE = "search_concepttag"
MATCH_TABLE = "search_documentmatch"
VECTORS = ("match_vector", "rank_vector")  # the words, the title
# A vocabulary change touching more concepts than this re-tags every row in batches (an
# import); fewer are re-tagged concept by concept, reading only the rows that hold them.
FULL_RETAG_CONCEPTS = 20
RETAG_BATCH = 5000
# Held while syncing, so two processes reacting to the same change do not interleave.
_SYNC_LOCK = 0x7461_6773  # "tags"


def tag(identifier):
    """A concept's tag as a lexeme of the rows' word and title vectors (see the migration)."""
    return f"#{identifier}"


def tsquery_of(tags):
    """All of `tags` (AND) as tsquery input text."""
    return " & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tags)


def _concept_source(concept):
    """The tsquery the fallback matches `concept`'s forms with, as search.database builds it for
    a query naming the concept."""
    from vocabulary.lookup import Group

    keys = tuple(sorted(concept.keys))
    return _match_tsquery([Group(keys[0], keys, concept)])


def wanted():
    """{identifier: tsquery source} for every concept of the current vocabulary."""
    from vocabulary.lookup import snapshot

    return {concept.identifier: _concept_source(concept) for concept in snapshot().concepts}


def usable_tags(groups):
    """{position in `groups`: tag} for the query groups whose concept's tag finds what the
    group's forms find: the group names the concept (a label or variant, or one with Arabic
    particles attached, which the stored rows also hold bare) and the concept's tags are
    current for its forms as the vocabulary gives them now."""
    named = {
        position: group.concept
        for position, group in enumerate(groups)
        if group.concept is not None and _names(group)
    }
    if not named:
        return {}
    identifiers = sorted({concept.identifier for concept in named.values()})
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT identifier, source FROM {TABLE} WHERE current AND identifier = ANY(%s)",
            [identifiers],
        )
        stored = dict(cursor.fetchall())
    return {
        position: tag(concept.identifier)
        for position, concept in named.items()
        if stored.get(concept.identifier) == _concept_source(concept)
    }


def _names(group):
    keys = group.concept.keys
    return group.typed in keys or any(bare in keys for bare in strip_particles(group.typed))


def stale():
    """Identifiers of the concepts whose tags are missing, out of date or left from a concept
    that is gone (empty when the tags are current)."""
    if connection.vendor != "postgresql":
        return []
    return _stale(wanted())


def _stale(current):
    """`stale()` against `current`, the vocabulary's {identifier: tsquery source}."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT identifier, source, current FROM {TABLE}")
        stored = {identifier: (source, ok) for identifier, source, ok in cursor.fetchall()}
    out = [i for i, source in current.items() if stored.get(i) != (source, True)]
    return sorted(out + [identifier for identifier in stored if identifier not in current])


def sync(progress=None):
    """Bring the stored concept queries and every row's tags in line with the vocabulary;
    returns the number of concepts whose tags changed. `progress(done, total)` is called as
    rows are re-tagged. PostgreSQL only (elsewhere there are no tags)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_SYNC_LOCK])
    try:
        return _sync(progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_SYNC_LOCK])


def _sync(progress):
    from vocabulary.lookup import forget

    forget()  # this process's copy may be seconds old: never store older queries back
    current = wanted()
    changed = _stale(current)
    if not changed:
        return 0
    _store_queries(current, changed)
    if len(changed) > FULL_RETAG_CONCEPTS:
        _retag_all(progress)
    else:
        for done, identifier in enumerate(changed, start=1):
            _retag_concept(identifier)
            if progress:
                progress(done, len(changed))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET current = true WHERE identifier = ANY(%s)",
            [[identifier for identifier in changed if identifier in current]],
        )
        _advance_version(cursor)
    if len(changed) > FULL_RETAG_CONCEPTS:
        clean_word_index()
    return len(changed)


def _advance_version(cursor):
    """Move the fallback rows' version on (search.database._cached), so no answer cached
    before a concept's queries or tags changed is read after: a search that uses a tag has the
    same cache key before and after its concept changed."""

    cursor.execute(f"SELECT nextval('{VERSION_SEQUENCE}')")


def _lock_rows(cursor, where, params):
    """Lock the rows re-tagging will write, in document order (as the row trigger writes
    them), before reading them: a row a writer changes meanwhile is then re-tagged from what
    it wrote, and the two cannot deadlock."""
    cursor.execute(
        f"SELECT document_id FROM {MATCH_TABLE} WHERE {where} ORDER BY document_id FOR UPDATE",
        params,
    )


def _store_queries(current, changed):
    """The first step of a sync: store the `changed` concepts' queries from `current` (or drop
    those that are gone), not current until their rows are re-tagged."""
    gone = [identifier for identifier in changed if identifier not in current]
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers of rows wait for this short transaction, and the rows they write after it are
        # tagged with the new queries (see the migration); rows written before it are re-tagged
        # next.
        cursor.execute(f"LOCK TABLE {MATCH_TABLE} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TABLE} WHERE identifier = ANY(%s)", [gone])
        for identifier in changed:
            if identifier in current:
                cursor.execute(
                    f"INSERT INTO {TABLE} (identifier, source, query, current) "
                    "VALUES (%s, %s, to_tsquery('simple', %s), false) "
                    "ON CONFLICT (identifier) DO UPDATE SET source = EXCLUDED.source, "
                    "query = EXCLUDED.query, current = false",
                    [identifier, current[identifier], current[identifier]],
                )
        _advance_version(cursor)


def _retag_concept(identifier):
    """Add the concept's tag to the vectors its query matches and take it from the others (all
    of them when the concept is gone: it has no stored query)."""
    lexeme = tag(identifier)
    stored = f"(SELECT query FROM {TABLE} WHERE identifier = %s)"
    with transaction.atomic(), connection.cursor() as cursor:
        # A title holds no word its row's words do not (the words include the title).
        _lock_rows(
            cursor,
            f"match_vector @@ %s::tsquery OR coalesce(match_vector @@ {stored}, false)",
            [tsquery_of([lexeme]), identifier],
        )
        for vector in VECTORS:
            held = f"{vector} @@ %s::tsquery"
            matches = f"{vector} @@ {stored}"
            cursor.execute(
                f"UPDATE {MATCH_TABLE} SET {vector} = ts_delete({vector}, %s) "
                f"WHERE {held} AND NOT coalesce({matches}, false)",
                [lexeme, tsquery_of([lexeme]), identifier],
            )
            cursor.execute(
                f"UPDATE {MATCH_TABLE} SET {vector} = {vector} || array_to_tsvector(ARRAY[%s]) "
                f"WHERE {matches} AND NOT {held}",
                [lexeme, identifier, tsquery_of([lexeme])],
            )


def _retag_all(progress):
    """Recompute every row's tags from the stored queries, a batch of rows per transaction;
    rows whose vectors come out the same are not written."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT document_id FROM {MATCH_TABLE} ORDER BY document_id")
        ids = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(ids), RETAG_BATCH):
        batch = ids[start : start + RETAG_BATCH]
        with transaction.atomic(), connection.cursor() as cursor:
            _lock_rows(cursor, "document_id BETWEEN %s AND %s", [batch[0], batch[-1]])
            retagged = ", ".join(
                f"search_untagged({vector}) || search_concept_tags({vector}) AS {vector}"
                for vector in VECTORS
            )
            cursor.execute(
                f"UPDATE {MATCH_TABLE} d SET "
                + ", ".join(f"{vector} = t.{vector}" for vector in VECTORS)
                + f" FROM (SELECT document_id, {retagged} FROM {MATCH_TABLE}"
                f"  WHERE document_id BETWEEN %s AND %s) t"
                f" WHERE d.document_id = t.document_id AND ("
                + " OR ".join(f"d.{vector} <> t.{vector}" for vector in VECTORS)
                + ")",
                [batch[0], batch[-1]],
            )
        if progress:
            progress(start + len(batch), len(ids))
