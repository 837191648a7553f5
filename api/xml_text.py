"""Text that XML 1.0 can carry. Feeds and the widget echo what a visitor typed (a search
query) and what curators and members wrote (titles, summaries, names); one character XML 1.0
does not allow (U+FFFE, U+FFFF, most C0 controls, a lone surrogate) makes the whole feed
unreadable to every reader, so such characters are dropped before anything is written out."""

import re

# XML 1.0, section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
# [#x10000-#x10FFFF]; everything else is removed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """`value` with the characters XML 1.0 forbids removed: a string, or the strings inside a
    dict, list or tuple (other values, such as dates, are returned as they are)."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {key: xml_text(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(item) for item in value)
    return value
