"""The query's words: its groups (vocabulary.lookup.expand: a run of words naming a concept
stands for all the concept's labels and variants) and their forms as PostgreSQL tsquery
prefixes."""

from .normalization import strip_particles


def _groups(query):
    from vocabulary.lookup import expand

    return expand(query)


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
