"""The database fallback: the same search contract answered from search.SearchDocument rows.

Used when no engine is configured (SQLite, `make run`) and, with a notice, when the engine is
down. Quality is lower than the engine's, by design of what a portable ORM query can do: words
match by normalised substring (so "حمايه" finds "حماية" and "خصوصيه" finds "الخصوصية", but
there is no stemming of English or Arabic plurals, no fuzzy matching and no phrase bonus), and
scoring is a simple weighted count done in Python over the matching rows. Facets, filters,
sorting and pagination behave exactly as the engine's.

Queries are expanded with the same vocabulary the engine uses (vocabulary.lookup.expand): a
run of words naming a concept matches any of the concept's labels and variants, in either
language, and such matches score less than the typed words themselves.
"""

import hashlib
import json
from collections import Counter
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import JSONField, Q
from django.utils.html import escape

from . import concept_tags
from .documents import LOCALES, facet_value_list, shown_locale
from .engine import (
    FACETS,
    FIELD_WEIGHTS,
    LOCALE_BOOST,
    RATING_BOOST,
    RATING_PIVOT,
    SYNONYM_BOOST,
)
from .models import SearchDocument
from .normalization import normalize, strip_particles, tokens

_FACET_COLUMNS = {
    "category": "categories",
    "language": "languages",
    "format": "media_format",
    "region": "regions",
    "license": "license",
    "level": "level",
    "audience": "audience",
    "max_minutes": "minute_steps",
}


def _longest(values):
    """The `max_minutes` filter's minutes: it keeps resources stated to take at most this."""
    return max(int(value) for value in values)


COPY_THRESHOLD = 50  # rows; fewer (incremental updates) go through bulk_create
_STORED_FIELDS = [field for field in SearchDocument._meta.concrete_fields if field.name != "id"]


def store(documents):
    """Write (or delete, for None) the fallback rows for `documents` {translation_key: doc}."""
    gone = [key for key, doc in documents.items() if doc is None]
    if gone:
        SearchDocument.objects.filter(translation_key__in=gone).delete()
    rows = [_row(doc) for doc in documents.values() if doc is not None]
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) > COPY_THRESHOLD:
        _copy_upsert(rows)
        return
    SearchDocument.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["translation_key"],
        update_fields=[field.name for field in _STORED_FIELDS if field.name != "translation_key"],
        batch_size=500,
    )


def _copy_upsert(rows):
    """PostgreSQL: COPY the rows into a temporary table, then upsert them in one statement.

    Ten times faster than bulk_create for a rebuild's batches of long texts, whose parameters
    psycopg would otherwise escape in Python."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    columns = [connection.ops.quote_name(field.column) for field in _STORED_FIELDS]
    column_list = ", ".join(columns)
    updates = ", ".join(
        f"{column} = EXCLUDED.{column}" for column in columns if column != '"translation_key"'
    )
    values = []
    for field in _STORED_FIELDS:
        column = [field.value_from_object(row) for row in rows]
        if isinstance(field, JSONField):  # COPY takes the JSON text
            values.append([json.dumps(value, ensure_ascii=False) for value in column])
        else:
            values.append([field.get_db_prep_save(value, connection) for value in column])
    with transaction.atomic(), connection.cursor() as cursor:
        # Derived data, rebuilt at will: no need to wait for the WAL flush on commit.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            f"CREATE TEMPORARY TABLE search_document_batch ON COMMIT DROP AS "
            f"SELECT {column_list} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY search_document_batch ({column_list}) FROM STDIN") as copy:
            for row in zip(*values, strict=True):
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} "
            f"FROM search_document_batch ON CONFLICT (translation_key) DO UPDATE SET {updates}"
        )
        # Dropped now, not only at commit: a caller's transaction may store several batches.
        cursor.execute("DROP TABLE search_document_batch")


def _searchable(text):
    """`text` normalised, followed by its Arabic words that carry attached particles written
    bare ("والتشفير" adds "تشفير" and "التشفير"), so a word search finds them either way."""
    normalised = normalize(text)
    bare = [form for word in tokens(normalised) for form in strip_particles(word)]
    return f"{normalised} {' '.join(bare)}" if bare else normalised


def _row(doc):
    def both(field):
        return _searchable(" ".join(doc[f"{field}_{code}"] for code in LOCALES))

    fields = {
        "title": both("title"),
        # Tags are slugs ("threat-modeling"): as words, so vocabulary terms match them.
        "tags": _searchable(" ".join(doc["tags"]).replace("-", " ")),
        "summary": both("summary"),
        "body": both("body"),
    }
    return SearchDocument(
        translation_key=doc["translation_key"],
        **fields,
        text=" | ".join(fields.values()),
        display=doc["display"],
        categories=doc["category"],
        languages=doc["language"],
        media_format=doc["format"],
        regions=doc["region"],
        license=doc["license"],
        level=doc.get("level") or "",
        audience=doc.get("audience", []),
        minute_steps=doc.get("max_minutes", []),
        time_minutes=doc.get("time_minutes"),
        publisher=doc.get("publisher", ""),
        source_url=doc["source_url"],
        rating_average=doc["rating_average"],
        rating_count=doc["rating_count"],
        rating_bayesian=doc["rating_bayesian"],
        published_at=doc["published"],
    )


def _facet_values(row, facet):
    return facet_value_list(row[_FACET_COLUMNS[facet]])


def _groups(query):
    from vocabulary.lookup import expand

    return expand(query)


def search(query, locale, filters, sort, page, page_size):
    """Same arguments and return value as search.engine.search (took is measured here)."""
    if connection.vendor == "postgresql":
        return _postgres_search(query, locale, filters, sort, page, page_size)
    groups = _groups(query)
    words = [alternative for group in groups for alternative in group.alternatives]
    candidates = SearchDocument.objects.all()
    if filters.get("publisher"):
        candidates = candidates.filter(publisher__in=filters["publisher"])
    for group in groups:
        match = Q()
        for alternative in group.alternatives:
            match |= Q(text__contains=alternative)
        candidates = candidates.filter(match)
    columns = [
        "translation_key",
        "rating_bayesian",
        "published_at",
        "time_minutes",
        *_FACET_COLUMNS.values(),
    ]
    if words:
        columns += ["title", "tags", "summary", "body", "display"]
    rows = list(candidates.values(*columns))
    selected = {
        facet: set(values) for facet, values in filters.items() if values and facet in FACETS
    }

    def holds(row, facet, values):
        if facet == "max_minutes":
            return row["time_minutes"] is not None and row["time_minutes"] <= _longest(values)
        return values.intersection(_facet_values(row, facet))

    def passes(row, skip=None):
        return all(holds(row, facet, values) for facet, values in selected.items() if facet != skip)

    facets = {}
    for facet in FACETS:
        counts = Counter(
            value for row in rows if passes(row, skip=facet) for value in _facet_values(row, facet)
        )
        facets[facet] = counts.most_common()
    matching = [row for row in rows if passes(row)]
    for row in matching:
        row["score"] = _score(row, groups, locale) if words else 0.0
        rating = row["rating_bayesian"]
        row["score"] += RATING_BOOST * rating / (rating + RATING_PIVOT)
    if sort == "rating":
        matching.sort(key=lambda row: (-row["rating_bayesian"], -row["score"]))
    elif sort == "newest":
        matching.sort(key=_newest_first)
    else:
        matching.sort(key=lambda row: -row["score"])
    start = (page - 1) * page_size
    keys = [row["translation_key"] for row in matching[start : start + page_size]]
    documents = SearchDocument.objects.in_bulk(keys, field_name="translation_key")
    hits = [_hit(documents[key], words, locale) for key in keys]
    return hits, len(matching), facets


def count(query):
    """How many resources a search for `query` finds (no facets, no hits)."""
    if connection.vendor == "postgresql":
        groups = _groups(query)
        if not groups:
            return SearchDocument.objects.count()
        match_query = _match_tsquery(groups)
        # "Did you mean" counts what a corrected query would find, on every search that finds
        # little: remembered like the searches themselves.
        return _cached(["count", match_query], lambda: _count_matches(match_query))
    candidates = SearchDocument.objects.all()
    for group in _groups(query):
        match = Q()
        for alternative in group.alternatives:
            match |= Q(text__contains=alternative)
        candidates = candidates.filter(match)
    return candidates.count()


def _count_matches(match_query):
    with transaction.atomic(), connection.cursor() as cursor:
        _statement_settings(cursor, groups=True)
        cursor.execute(
            f"SELECT count(*) FROM {MATCH_TABLE} d WHERE d.match_vector @@ to_tsquery('simple', %s)",
            [match_query],
        )
        return cursor.fetchone()[0]


def _newest_first(row):
    published = row["published_at"]
    return (published is None, -published.timestamp() if published else 0.0)


def _score(row, groups, locale):
    """Weighted occurrence count: title > tags > summary > body, whole words count double; per
    query group, the typed words score in full and the vocabulary's other forms at
    SYNONYM_BOOST, whichever of them scores best."""
    display = row["display"].get(locale, {})
    local_title = normalize(display.get("title", ""))
    score = 0.0
    for group in groups:
        best = 0.0
        for position, alternative in enumerate(group.alternatives):
            weight_factor = 1.0 if position == 0 else SYNONYM_BOOST
            found = 0.0
            for field, weight in FIELD_WEIGHTS.items():
                text = row[field]
                if alternative in text:
                    found += weight * (2.0 if f" {alternative} " in f" {text} " else 1.0)
                    if field == "title" and alternative in local_title:
                        found += weight * (LOCALE_BOOST - 1.0)
            best = max(best, found * weight_factor)
        score += best
    return score


def _hit(document, words, locale):
    return {
        "translation_key": str(document.translation_key),
        "display": document.display,
        "source_url": document.source_url,
        "category": document.categories,
        "language": document.languages,
        "format": document.media_format,
        "region": document.regions,
        "license": document.license,
        "level": document.level,
        "audience": document.audience,
        "time_minutes": document.time_minutes,
        "rating_average": document.rating_average,
        "rating_count": document.rating_count,
        "highlight": _highlight(document, words, locale),
    }


def _highlight(document, words, locale):
    """Escaped title and snippet with the matched words marked, like the engine's."""
    if not words:
        return {"title": None, "snippet": None}
    shown = document.display.get(shown_locale(document.display, locale), {})
    title = _mark(shown.get("title", ""), words)
    snippet = _mark(shown.get("summary", ""), words, window=160)
    return {"title": title, "snippet": snippet}


def _mark(text, words, window=None):
    """`text` escaped, with every normalised occurrence of `words` in <mark>; None if none.

    Matching runs on the normalised text, and each normalised character remembers the original
    character it came from, so marks land on what the reader typed (with its tashkeel).
    """
    folded, origin = [], []
    for position, char in enumerate(text):
        for piece in normalize(char):
            folded.append(piece)
            origin.append(position)
    folded = "".join(folded)
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            spans.append((origin[start], origin[start + len(word) - 1] + 1))
            start = folded.find(word, start + len(word))
    if not spans:
        return None
    spans.sort()
    begin, end = 0, len(text)
    if window and len(text) > window:
        begin = max(0, spans[0][0] - window // 4)
        end = min(len(text), begin + window)
    out, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out += [escape(text[cursor:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        cursor = stop
    out.append(escape(text[cursor:end]))
    return ("… " if begin else "") + "".join(out) + (" …" if end < len(text) else "")


def autocomplete(prefix, locale, size=8):
    words = tokens(prefix)
    if not words:
        return []
    query = Q()
    for word in words:
        query &= Q(title__contains=word)
    documents = SearchDocument.objects.filter(query).order_by("-rating_bayesian")[:size]
    return [document.display for document in documents]


# --- PostgreSQL: matching, ranking and facets in SQL ------------------------------------------

# ts_rank of a title holding a query word once (what a title holding a vocabulary form of every
# group scores too, before SYNONYM_BOOST: see _score_sql); scaled so text relevance outweighs
# the rating boost (at most RATING_BOOST) as the Python scorer's weighted counts do.
TITLE_FORM_RANK = 0.0608
RANK_SCALE = 20.0
# JSON arrays; the others are plain columns.
_LIST_FACETS = {"category", "language", "region", "audience", "max_minutes"}


# The narrow row per document (vectors, facet values, rating, date) that matching, ranking and
# counting read; kept by database triggers (migration search/0003_match_rows).
MATCH_TABLE = "search_documentmatch"
# Advanced by those triggers on every change (migration search/0004_match_version).
VERSION_SEQUENCE = "search_documentmatch_version"
# Every facet value ever stored, with the id the narrow rows' facet_ids hold (migration
# search/0005_facet_ids); kept by the same triggers.
FACET_VALUE_TABLE = "search_facetvalue"
# Relevance ranking of a broad search: split (see _page) from this many matches, for pages
# within the first 1/SPLIT_RANKING_MAX_DEPTH of them.
SPLIT_RANKING_MIN_MATCHES = 5000
SPLIT_RANKING_MAX_DEPTH = 10
# … and when the titles that can rank are expected to be at most this share of the matches.
SPLIT_RANKING_MAX_TITLE_SHARE = 0.5
_OTHER_SORTS = ("rating", "newest")  # than relevance


def _word_query(word):
    """A query word as tsquery: itself or its bare forms, each as a prefix ("encrypt" finds
    "encryption", "تشفير" finds "تشفيرها")."""
    forms = [word, *strip_particles(word)]
    return "(" + " | ".join(f"'{form}':*" for form in dict.fromkeys(forms)) + ")"


def _alternative_query(alternative):
    """All the words of a (multi-word) form. Not as a phrase: the GIN index answers AND and
    prefix queries exactly, while a phrase makes PostgreSQL re-read each candidate's whole
    vector, body included (seconds for a broad query at 100,000 resources)."""
    words = alternative.split()
    return "(" + " & ".join(_word_query(word) for word in words) + ")"


def _group_tsquery(group, exact):
    """A query group as tsquery: its typed words (exact) or any of its forms."""
    alternatives = group.alternatives[:1] if exact else group.alternatives
    return "(" + " | ".join(_alternative_query(a) for a in alternatives) + ")"


def _tsquery(groups, exact):
    """AND over the query's groups (see _group_tsquery)."""
    return " & ".join(_group_tsquery(group, exact) for group in groups)


def _match_tsquery(groups):
    """The same matches as `_tsquery(groups, exact=False)` with fewer index look-ups.

    A broad query's vocabulary forms overlap: "encrypt:*" already finds whatever "encrypted:*",
    "encryption:*" and "encrypts:*" find, and a form may be listed for both spellings. Each look-up
    reads a long posting list from the GIN index, so forms that a shorter prefix of the same group
    covers are left out, and so are multi-word forms with a word that such a prefix covers."""
    parts = []
    for group in groups:
        single = [a for a in group.alternatives if len(a.split()) == 1]
        kept = _shortest_prefixes({form for a in single for form in [a, *strip_particles(a)]})

        def covered(form, kept=kept):
            return any(form.startswith(prefix) for prefix in kept)

        terms = [f"'{form}':*" for form in sorted(kept)]
        for alternative in group.alternatives:
            words = alternative.split()
            if len(words) == 1:
                continue
            if any(all(covered(f) for f in [w, *strip_particles(w)]) for w in words):
                continue
            terms.append(_alternative_query(alternative))
        parts.append("(" + " | ".join(terms) + ")")
    return " & ".join(parts)


def _shortest_prefixes(forms):
    """The `forms` that no shorter one of them begins: as prefix queries they find the same
    rows as all of `forms`, with fewer look-ups."""
    return {
        form
        for form in forms
        if not any(form != other and form.startswith(other) for other in forms)
    }


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


def clean_word_index():
    """Move the entries that bulk writes left in the word index's pending list into the index
    proper (PostgreSQL only). GIN collects new entries in a list that every search reads from
    end to end until a vacuum cleans it: after a rebuild or re-tagging rewrote thousands of
    rows, that list made each search 15-30% slower until autovacuum came by."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [f"{MATCH_TABLE}_match"])


def _postgres_search(query, locale, filters, sort, page, page_size):
    """The fallback on PostgreSQL: GIN-indexed full-text match (the vocabulary's forms
    included), ts_rank over the titles plus the rating boost, facets counted in SQL.

    The total and facets are cached per normalised query and filters, so another page or
    sort of the same search only ranks; the page's document ids per query, filters, sort and
    page (see _cached). A filtered relevance search with neither cached counts and ranks in one
    statement, which finds the matches once (_counts_and_page). Highlights are made per
    request, in its locale."""
    groups = _groups(query)
    selected = {
        facet: sorted(values) for facet, values in filters.items() if values and facet in FACETS
    }
    # The publisher narrows the matches themselves (as on the engine), not counted as a facet.
    match_query = _match(groups)._replace(publishers=tuple(sorted(filters.get("publisher") or ())))
    rank_queries = [_tsquery(groups, exact) for exact in (True, False)]
    counts_key = _cache_key(["counts", match_query, selected])
    page_key = _cache_key(["page", match_query, *rank_queries, selected, sort, page, page_size])
    counted, keys = _cache_get(counts_key), _cache_get(page_key)
    # With filters, counting reads each facet's own column for the matches that fail only
    # its filter, so it keeps the matches aside (see _matches_cte); ranking the page from
    # them too spares finding the matches a second time.
    if counted is None and keys is None and groups and selected and sort not in _OTHER_SORTS:
        *counted, keys = _counts_and_page(groups, match_query, selected, page, page_size)
        _cache_set(counts_key, counted)
        _cache_set(page_key, keys)
    if counted is None:
        counted = _counts(groups, match_query, selected)
        _cache_set(counts_key, counted)
    total, facets = counted
    if keys is None:
        keys = _page(groups, match_query, selected, sort, page, page_size, total)
        _cache_set(page_key, keys)
    documents = SearchDocument.objects.in_bulk(keys)
    words = [alternative for group in groups for alternative in group.alternatives]
    # A document deleted since the statement above is simply left out.
    hits = [_hit(documents[key], words, locale) for key in keys if key in documents]
    return hits, total, facets


def _cache_seconds():
    # Inside a transaction a search may see its own uncommitted writes: never cached.
    if connection.in_atomic_block:
        return 0
    return settings.TASHARUK_SEARCH.get("FALLBACK_CACHE_SECONDS", 0)


def _cache_key(key_parts):
    """The cache key of `key_parts` under the fallback rows' current version (None when the
    fallback's answers are not cached); see _cached."""
    if not _cache_seconds():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value, is_called FROM {VERSION_SEQUENCE}")
        version = cursor.fetchone()
    digest = hashlib.sha256(json.dumps([*key_parts, version]).encode()).hexdigest()
    return f"search:fallback:{digest}"


def _cache_get(key):
    return None if key is None else cache.get(key)


def _cache_set(key, value):
    if key is not None:
        cache.set(key, value, _cache_seconds())


def _cached(key_parts, compute):
    """`compute()`, remembered for TASHARUK_SEARCH["FALLBACK_CACHE_SECONDS"] (0: never) under
    `key_parts` and the fallback rows' version.

    The triggers that keep the narrow rows advance the version sequence with every change, so
    an entry is never read after a change that committed before the search started. A search
    racing a change may store an answer from just before it under the new version: the
    timeout bounds how long that can show."""
    key = _cache_key(key_parts)
    found = _cache_get(key)
    if found is None:
        found = compute()
        _cache_set(key, found)
    return found


class Match(NamedTuple):
    """What a search on PostgreSQL matches: its words and vocabulary forms as a tsquery over the
    rows' words (`words`), and the concepts it names by their tags (`concepts`, see
    search.concept_tags); '' for none. `tags`: per query group, its concept's tag, or ''."""

    words: str
    concepts: str
    tags: tuple
    publishers: tuple = ()  # publisher slugs the matches must have one of; () for any


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


def _statement_settings(cursor, groups):
    _tune(cursor)
    if groups:
        # A broad query matches most rows, and the planner then prefers reading the whole
        # table, which unpacks every row's long body vector (seconds at 100,000 rows). The
        # GIN index answers word and prefix matches exactly, so the bitmap scan reads only
        # the short heap rows: several times faster at any breadth.
        cursor.execute("SET LOCAL enable_seqscan = off")


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


def _serial(cursor):
    """No parallel workers for this transaction's statement: with the matches kept aside for
    several counts (a filtered search, see _matches_cte), PostgreSQL would pass each of them
    from its workers to the one process that keeps them, which costs more than they save."""
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


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


def _title_words_tsquery(groups):
    """Any word form of any of the query's groups, as a prefix: the titles this matches are
    the only ones whose ts_rank differs from the rest's (0, or a constant 1e-20 for a query of
    several words), since ts_rank reads only the query's words found in the title. Forms that a
    shorter form covers are left out, as in _match_tsquery."""
    forms = {
        form
        for group in groups
        for alternative in group.alternatives
        for word in alternative.split()
        for form in [word, *strip_particles(word)]
    }
    return " | ".join(f"'{form}':*" for form in sorted(_shortest_prefixes(forms)))


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
