"""“Did you mean”: when a search finds little, a better query to offer with one click.

Two kinds, tried in this order:
- keyboard layout: Arabic typed while the Latin layout was on ("jatdv" for تشفير) or the
  reverse ("اثممخ" for hello), converted key by key on the standard Arabic (101) layout;
- spelling: each unknown word replaced by a close word from the index's own terms (the
  engine's term suggester) or, on the database fallback, from the vocabulary's words.
A suggestion is only offered when searching for it finds something, and no less than the query.
"""

import difflib
import re

from .normalization import tokens

# Standard Arabic keyboard (101): the character each Latin key gives.
_ARABIC_KEYS = {
    "`": "ذ", "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع", "i": "ه",
    "o": "خ", "p": "ح", "[": "ج", "]": "د", "a": "ش", "s": "س", "d": "ي", "f": "ب", "g": "ل",
    "h": "ا", "j": "ت", "k": "ن", "l": "م", ";": "ك", "'": "ط", "z": "ئ", "x": "ء", "c": "ؤ",
    "v": "ر", "b": "لا", "n": "ى", "m": "ة", ",": "و", ".": "ز", "/": "ظ",
    # Shifted keys that give letters (hamza seats, madda).
    "H": "أ", "Y": "إ", "N": "آ", "G": "لأ", "T": "لإ", "B": "لآ",
}  # fmt: skip
_LATIN_KEYS = {arabic: latin for latin, arabic in _ARABIC_KEYS.items() if len(arabic) == 1}
_LATIN_KEYS.update({"أ": "h", "إ": "y", "آ": "n"})  # as lower case: what was meant
_LAM_ALEF = {"لا": "b", "لأ": "g", "لإ": "t", "لآ": "b"}
_LATIN_TEXT = re.compile(r"^[A-Za-z`\[\];',./\s]+$")
_ARABIC_TEXT = re.compile(r"^[\u0621-\u064a\s]+$")
FEW_RESULTS = 3


def swap_layout(query):
    """`query` as it would read typed on the other layout, or None if it is not all one
    script (mixed text, digits alone)."""
    text = " ".join(query.split())
    if not text:
        return None
    if _LATIN_TEXT.match(text):
        converted = "".join(
            _ARABIC_KEYS.get(char, _ARABIC_KEYS.get(char.lower(), char)) for char in text
        )
        return converted if converted != text else None
    if _ARABIC_TEXT.match(text):
        out, position = [], 0
        while position < len(text):
            pair = text[position : position + 2]
            if pair in _LAM_ALEF:
                out.append(_LAM_ALEF[pair])
                position += 2
                continue
            out.append(_LATIN_KEYS.get(text[position], text[position]))
            position += 1
        return "".join(out)
    return None


def vocabulary_spelling(query):
    """Each word of `query` the vocabulary does not know, replaced by its closest vocabulary
    word (the database fallback's spelling source); None when nothing changes."""
    from vocabulary.lookup import snapshot

    known = set()
    for concept in snapshot().concepts:
        for key in concept.keys:
            known.update(key.split())
    words, changed = [], False
    for word in tokens(query):
        if word in known or len(word) < 4 or word.isdigit():
            words.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        if close:
            words.append(close[0])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None


def suggest(query, count, search_count, spelling):
    """A {"query", "reason"} to offer instead of `query` (which found `count` resources), or
    None. `search_count(text)` counts what a search for `text` finds; `spelling(text)` gives a
    corrected text or None."""
    if count >= FEW_RESULTS or not query.strip():
        return None
    swapped = swap_layout(query)
    if swapped and search_count(swapped) >= max(count, 1):
        return {"query": swapped, "reason": "keyboard"}
    corrected = spelling(query)
    if corrected and corrected != query and search_count(corrected) >= max(count, 1):
        return {"query": corrected, "reason": "spelling"}
    return None
