"""Tool warnings in search (the statuses are safety/'s; it hands them over through
`set_source()`, so search needs no import of it): the `warning` facet and filter, and the rule
that unsafe tools rank last unless the query names them.

Warned tools are few (tens), so both are done here, above the two backends, with the same
narrowing each backend already knows (works by translation key, `keys` / `excluded_keys`):
one small extra search over the warned works gives their facet values, their statuses' counts
and the order of the unsafe ones; the main search leaves the unsafe-and-unnamed works out, and
they are appended after its last result. Nothing about a status is stored in the index, so a
status takes effect at once, on the engine and the database fallback alike.
"""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from .normalization import tokens

STATUSES = ("unsafe", "unmaintained", "blocked_in")
VALUES = (*STATUSES, "none")  # the facet's values
FILTER_VALUES = (*VALUES, "any")  # `any`: any of STATUSES
LABELS = {
    "unsafe": _("Unsafe"),
    "unmaintained": _("Unmaintained"),
    "blocked_in": _("Blocked in some countries"),
    "none": _("No warning"),
}
_source = None


def set_source(source):
    """`source()` returns {translation key (str): status} of every currently warned work."""
    global _source
    _source = source


def statuses():
    return {str(key): status for key, status in (_source() if _source else {}).items()}


def wanted_statuses(values):
    """The facet values a `warning` filter selects (`any` stands for every status)."""
    wanted = set()
    for value in values or ():
        wanted |= set(STATUSES) if value == "any" else {value}
    return wanted


def names(query, hit):
    """Whether `query` names the work of `hit`: every word of the query is in one of its
    titles, the title's first word among them (a tool's name leads its title: “leaky chat”
    names “Leaky Chat for organisers”, “chat for organisers” does not)."""
    words = set(tokens(query))
    if not words:
        return False
    for shown in (hit.get("display") or {}).values():
        title = tokens(shown.get("title", ""))
        first = next((word for word in title if len(word) > 2), None)
        if first in words and words <= set(title):
            return True
    return False


def _merge_facets(*facet_sets):
    merged = {}
    for facets in facet_sets:
        for facet, pairs in facets.items():
            counter = merged.setdefault(facet, Counter())
            for value, count in pairs:
                counter[value] += count
    return {facet: counter.most_common() for facet, counter in merged.items()}


def search(backend, query, locale, filters, sort, page, page_size):
    """`backend(query, locale, filters, sort, page, page_size)` → (hits, count, facets), with
    the warning filter applied, the warning facet counted (facets["warning"]) and, sorted by
    relevance, unsafe works that the query does not name after every other result."""
    filters = dict(filters)
    wanted = wanted_statuses(filters.pop("warning", None))
    warned = statuses()
    if not warned and not wanted:
        hits, count, facets = backend(query, locale, filters, sort, page, page_size)
        return hits, count, {**facets, "warning": [("none", count)] if count else []}
    # The warned works among the matches (under every other filter), in the search's order.
    warned_hits, _count, _facets = backend(
        query, locale, {**filters, "keys": list(warned)}, sort, 1, max(len(warned), 1)
    )
    status_of = {hit["translation_key"]: warned[hit["translation_key"]] for hit in warned_hits}
    selected = (lambda status: status in wanted) if wanted else (lambda status: True)
    last = [
        hit
        for hit in warned_hits
        if sort == "relevance"
        and status_of[hit["translation_key"]] == "unsafe"
        and selected("unsafe")
        and not names(query, hit)
    ]
    last_keys = {hit["translation_key"] for hit in last}
    main_filters = dict(filters)
    if wanted and "none" not in wanted:
        main_filters["keys"] = [
            key for key, status in warned.items() if status in wanted and key not in last_keys
        ]
    else:
        main_filters["excluded_keys"] = [
            key for key, status in warned.items() if not selected(status) or key in last_keys
        ]
    hits, count, facets = backend(query, locale, main_filters, sort, page, page_size)
    start, end = (page - 1) * page_size, page * page_size
    if last:
        hits = hits + last[max(start - count, 0) : max(end - count, 0)]
        _hits, _n, last_facets = backend(
            query, locale, {**filters, "keys": list(last_keys)}, sort, 1, len(last)
        )
        facets = _merge_facets(facets, last_facets)
    total = count + len(last)
    # The warning facet, counted under the other filters only (not its own).
    counts = Counter(status_of.values())
    if not wanted or "none" in wanted:
        counts["none"] = total - sum(1 for status in status_of.values() if selected(status))
    else:
        _hits, counts["none"], _facets = backend(
            query, locale, {**filters, "excluded_keys": list(warned)}, sort, 1, 1
        )
    facets["warning"] = [(value, n) for value, n in counts.most_common() if n]
    return hits, total, facets
