"""What a search on PostgreSQL matches (Match): its words as a tsquery, and the concepts it
names by their tags (search.concept_tags); as SQL over the narrow rows."""

from typing import NamedTuple

from .. import concept_tags
from ..models import SearchDocument
from ..query_words import _match_tsquery


class Match(NamedTuple):
    """What a search on PostgreSQL matches: its words and vocabulary forms as a tsquery over the
    rows' words (`words`), and the concepts it names by their tags (`concepts`, see
    search.concept_tags); '' for none. `tags`: per query group, its concept's tag, or ''."""

    words: str
    concepts: str
    tags: tuple
    publishers: tuple = ()  # publisher slugs the matches must have one of; () for any
    keys: tuple | None = None  # works (translation keys) the matches must be among; None: any
    excluded: tuple = ()  # works the matches must not be (search.warnings)


def _match(groups):
    """The Match of `groups`: each group whose concept has usable tags by its tag, the others
    by their forms (_match_tsquery)."""
    tags = concept_tags.usable_tags(groups)
    untagged = [group for position, group in enumerate(groups) if position not in tags]
    return Match(
        _match_tsquery(untagged),
        concept_tags.tsquery_of(sorted(set(tags.values()))),
        tuple(tags.get(position, "") for position in range(len(groups))),
    )


def _match_sql(match):
    sql, params = _words_sql(match)
    if match.publishers:
        sql += (
            f" AND d.document_id IN (SELECT id FROM {SearchDocument._meta.db_table} "
            "WHERE publisher = ANY(%s))"
        )
        params = [*params, list(match.publishers)]
    for keys, operator in ((match.keys, "IN"), (match.excluded or None, "NOT IN")):
        if keys is not None:
            sql += (
                f" AND d.document_id {operator} (SELECT id FROM "
                f"{SearchDocument._meta.db_table} WHERE translation_key = ANY(%s::uuid[]))"
            )
            params = [*params, list(keys)]
    return sql, params


def _words_sql(match):
    if match.words and match.concepts:
        return (
            "d.match_vector @@ (to_tsquery('simple', %s) && %s::tsquery)",
            [match.words, match.concepts],
        )
    if match.words:
        return "d.match_vector @@ to_tsquery('simple', %s)", [match.words]
    if match.concepts:
        return "d.match_vector @@ %s::tsquery", [match.concepts]
    return "TRUE", []
