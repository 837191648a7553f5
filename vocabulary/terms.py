"""Terms of the vocabulary as search sees them, and the rules a set of concepts must keep:
labels present, every term owned by one concept only, no cycle of broader concepts.

The rules work on plain records, so the admin form (one concept against the stored others)
and the importers (a whole file before anything is written) apply exactly the same checks.
"""

import re

from django.utils.translation import gettext as _

from tasharuk.text_normalization import tokens

LANGUAGES = ("en", "ar")
_SEPARATORS = re.compile(r"[\n|]")


def split_variants(text):
    """Variants typed one per line (or separated by "|", as in CSV files), blanks dropped."""
    items = text if isinstance(text, list | tuple) else _SEPARATORS.split(text or "")
    seen, variants = set(), []
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen.add(item)
            variants.append(item)
    return variants


def term_key(text):
    """The form two terms must share to be the same term: normalised words, one space apart."""
    return " ".join(tokens(text))


def record_terms(record):
    """Every label and variant of a concept record, labels first."""
    terms = []
    for code in LANGUAGES:
        terms.append(record.get(f"label_{code}", ""))
        terms.extend(record.get(f"variants_{code}", []))
    return [term for term in terms if term]


def check_concepts(records):
    """Problems of a set of concept records, as {identifier: {field: [messages]}}.

    A record: identifier, label_en, label_ar, variants_en, variants_ar (lists), broader
    (identifier or ""). An empty result means the set can be stored as it is.
    """
    problems = {}

    def report(identifier, field, message):
        problems.setdefault(identifier, {}).setdefault(field, []).append(message)

    names = {record["identifier"]: record for record in records}
    owners = {}  # term key -> identifier of the first concept naming it
    for record in records:
        identifier = record["identifier"]
        for code in LANGUAGES:
            if not (record.get(f"label_{code}") or "").strip():
                label = _("English label") if code == "en" else _("Arabic label")
                report(identifier, f"label_{code}", _("The %(label)s is empty.") % {"label": label})
        for code in LANGUAGES:
            for field in (f"label_{code}", f"variants_{code}"):
                values = record.get(field) or []
                for term in [values] if isinstance(values, str) else values:
                    if not term.strip():
                        continue
                    key = term_key(term)
                    if not key:
                        report(
                            identifier,
                            field,
                            _("“%(term)s” has no letters or digits.") % {"term": term},
                        )
                        continue
                    owner = owners.setdefault(key, identifier)
                    if owner != identifier:
                        other = names[owner]
                        report(
                            identifier,
                            field,
                            _(
                                "“%(term)s” already belongs to the concept “%(concept)s”; "
                                "a term can name one concept only."
                            )
                            % {"term": term, "concept": other.get("label_en") or owner},
                        )
    for record in records:
        identifier, broader = record["identifier"], record.get("broader") or ""
        if broader and broader not in names:
            report(
                identifier,
                "broader",
                _("Unknown broader concept “%(identifier)s”.") % {"identifier": broader},
            )
            continue
        path, current = [identifier], broader
        while current and current in names:
            path.append(current)
            if current == identifier:
                labels = [names[step].get("label_en") or step for step in path]
                report(
                    identifier,
                    "broader",
                    _("Broader concepts would form a cycle: %(path)s.")
                    % {"path": " → ".join(labels)},
                )
                break
            if path.count(current) > 1:  # a cycle further up that does not include this one
                break
            current = names[current].get("broader") or ""
    return problems
