"""Text normalisation shared by indexing and querying, so both sides see the same letters.

NFKC first (presentation forms, ligatures, full-width digits), then the Arabic spelling variants
people type interchangeably: hamza seats, alef maqsura, ta marbuta, diacritics and tatweel, and
Arabic-Indic or Persian digits. The engine's analyzers repeat part of this; doing it in Python
as well keeps the database fallback and the engine in agreement.
"""

import functools
import re
import unicodedata

# Tashkeel (fathatan … sukun, and the Quranic marks up to U+065F) plus superscript alef.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        # Arabic-Indic and Persian (Eastern Arabic-Indic) digits to ASCII.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        # Persian kaf and yeh, which NFKC leaves alone.
        "ک": "ك",
        "ی": "ي",
    }
)
# str.translate looks every character up in a dict; replacing the few letters that occur is
# fifteen times faster on long Arabic text (the rebuild normalises every body).
_REPLACEMENTS = [(chr(code), letter) for code, letter in _LETTERS.items()]
_WORD = re.compile(r"\w+", re.UNICODE)


def normalize(text):
    """Return `text` NFKC-normalised, lower-cased, with Arabic spelling variants unified."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    for letter, replacement in _REPLACEMENTS:
        if letter in text:
            text = text.replace(letter, replacement)
    return text.lower()


def nfkc(text):
    """Only the Unicode compatibility normalisation: what the engine indexes (its analyzers do
    the Arabic folding, and highlights then show the text as written)."""
    return unicodedata.normalize("NFKC", text) if text else ""


def tokens(text):
    """The words of `normalize(text)`, in order."""
    return _WORD.findall(normalize(text))


def words(normalised):
    """The words of text `normalize` already returned, in order (`tokens` without normalising
    again)."""
    return _WORD.findall(normalised)


# Particles written attached to the next Arabic word: wa-, fa-, bi-, li-, ka- and the article,
# alone or combined ("والتشفير", "بالتشفير", "للمدونين").
ARABIC_PARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def strip_particles(word):
    """The forms of a normalised Arabic `word` without its attached particles, longest
    particle first, keeping at least three letters ("والتشفير" → "تشفير", "التشفير")."""
    for prefix in ARABIC_PARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            yield word[len(prefix) :]


# A word can carry a particle only if it starts with one's first letter: a test callers can
# make inline, before a function call, on the millions of words a rebuild stores.
PARTICLE_INITIALS = frozenset(particle[0] for particle in ARABIC_PARTICLES)


@functools.lru_cache(maxsize=1 << 16)
def particle_forms(word):
    """`strip_particles(word)` as a tuple, kept per word: storing a library's rows meets the
    same few thousand words over and over (a rebuild of 10,000 resources asked 2.4 million
    times). Test `PARTICLE_INITIALS` first, so the table holds only words that may carry one."""
    return tuple(strip_particles(word))
