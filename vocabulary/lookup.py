"""The vocabulary as search and templates read it: which concept a typed term names, every way
to write that concept, synonym rules for the engine, and a label per language for tags.

The stored concepts are read once into memory and re-read when they change: a save in this
process clears the copy at once (signals), and other processes notice within CHECK_SECONDS
by comparing the table's size and latest update (TASHARUK_SEARCH["VOCABULARY_CHECK_SECONDS"]).
"""

import hashlib
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max

from tasharuk.text_normalization import strip_particles, tokens

from .terms import LANGUAGES, split_variants, term_key

MAX_TERM_WORDS = 8


@dataclass(frozen=True)
class ConceptTerms:
    identifier: str
    labels: dict  # language code -> preferred label
    terms: tuple  # every label and variant as typed, labels first
    keys: tuple  # their normalised forms, without repeats


@dataclass(frozen=True)
class Group:
    """One stretch of a query: the typed words, and every form that may stand for them."""

    typed: str  # normalised typed words
    alternatives: tuple  # normalised forms, `typed` first
    concept: ConceptTerms | None = None


class _Snapshot:
    def __init__(self, concepts):
        self.concepts = concepts
        self.by_key = {}
        for concept in concepts:
            for key in concept.keys:
                self.by_key.setdefault(key, concept)
        self.by_identifier = {concept.identifier: concept for concept in concepts}


_lock = threading.Lock()
_state = {"snapshot": None, "version": None, "checked": 0.0}


def _version():
    from .models import Concept

    stats = Concept.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return (stats["count"], stats["latest"])


def _load():
    from .models import Concept

    concepts = []
    for row in Concept.objects.order_by("pk").values(
        "identifier", "label_en", "label_ar", "variants_en", "variants_ar"
    ):
        terms = []
        for code in LANGUAGES:
            terms.append(row[f"label_{code}"])
        for code in LANGUAGES:
            terms.extend(split_variants(row[f"variants_{code}"]))
        keys = []
        for term in terms:
            key = term_key(term)
            if key and key not in keys:
                keys.append(key)
        concepts.append(
            ConceptTerms(
                identifier=row["identifier"],
                labels={code: row[f"label_{code}"] for code in LANGUAGES},
                terms=tuple(term for term in terms if term.strip()),
                keys=tuple(keys),
            )
        )
    return _Snapshot(concepts)


def snapshot():
    """The current vocabulary (re-read when the stored concepts changed)."""
    now = time.monotonic()
    state = _state
    interval = settings.TASHARUK_SEARCH.get("VOCABULARY_CHECK_SECONDS", 5)
    if state["snapshot"] is not None and now - state["checked"] < interval:
        return state["snapshot"]
    with _lock:
        version = _version()
        if state["snapshot"] is None or version != state["version"]:
            state["snapshot"] = _load()
            state["version"] = version
        state["checked"] = now
        return state["snapshot"]


def forget():
    """Drop the in-memory copy (called when a concept is saved or deleted in this process)."""
    _state["snapshot"] = None


def expand(query):
    """Split `query` into groups: runs of words that name a concept (longest first, so
    "end-to-end encryption" beats "encryption") carry every form of that concept; other words
    stand for themselves."""
    words = tokens(query)
    vocabulary = snapshot()
    groups, position = [], 0
    while position < len(words):
        found = None
        for size in range(min(MAX_TERM_WORDS, len(words) - position), 0, -1):
            typed = " ".join(words[position : position + size])
            concept = vocabulary.by_key.get(typed)
            if concept is None and size == 1:
                concept = next(
                    (
                        vocabulary.by_key[bare]
                        for bare in strip_particles(typed)
                        if bare in vocabulary.by_key
                    ),
                    None,
                )
            if concept is not None:
                found = (size, typed, concept)
                break
        if found:
            size, typed, concept = found
            alternatives = (typed, *[key for key in concept.keys if key != typed])
            groups.append(Group(typed, alternatives, concept))
            position += size
        else:
            groups.append(Group(words[position], (words[position],)))
            position += 1
    return groups


def without_particles(query):
    """`query` normalised, with each word that is a vocabulary term only once its attached
    Arabic particles are gone ("والتشفير") written bare ("تشفير"), so the engine's synonym
    rules, which match whole words, recognise it too."""
    vocabulary = snapshot()
    words = []
    for word in tokens(query):
        if word not in vocabulary.by_key:
            word = next((bare for bare in strip_particles(word) if bare in vocabulary.by_key), word)
        words.append(word)
    return " ".join(words)


def concept_for_term(text, vocabulary=None):
    """The concept `text` names (a tag such as "threat-modeling", a label, a variant), or None.
    Callers looking up many terms pass one `snapshot()` as `vocabulary`, so the check for
    changes runs once, not once per term."""
    key = term_key(text)
    return (vocabulary or snapshot()).by_key.get(key) if key else None


def synonym_rules():
    """Equivalence rules for the engine's synonym_graph filter: one line per concept with
    every label and variant, commas removed (they separate terms in the rule syntax)."""
    rules = []
    for concept in snapshot().concepts:
        terms = []
        for term in concept.terms:
            term = " ".join(term.replace(",", " ").replace("=>", " ").split())
            if term and term not in terms:
                terms.append(term)
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def fingerprint(rules=None):
    """A short hash of the synonym rules: an index built with other rules is out of date."""
    rules = synonym_rules() if rules is None else rules
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]
