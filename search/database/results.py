"""A fallback row as a search result: its display data and the matched words marked in its
title and snippet, like the engine's highlights."""

from django.utils.html import escape

from ..documents import shown_locale
from ..normalization import normalize


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
