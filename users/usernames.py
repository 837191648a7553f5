"""Username rules for pseudonyms: one script (Latin or Arabic), no look-alikes of a taken name.

People are recognised by their pseudonym, so a name that looks like another member's (Latin
`0` for `o`, Arabic `ى` for `ي`, a Cyrillic `а` among Latin letters) would let someone pose as
them. Names are NFKC-normalised, limited to letters and digits of one script plus `._-`, and
compared by a skeleton that folds the look-alikes together.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LATIN_LETTER = re.compile(r"[A-Za-z]")
ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc]")
ALLOWED = re.compile(
    r"^[A-Za-z0-9\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc\u0660-\u0669\u06f0-\u06f9._-]+$"
)

# Pairs a reader cannot tell apart; each maps to one representative.
_CONFUSABLES = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ک": "ك",
        "ة": "ه",
        "ە": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        ".": None,
        "_": None,
        "-": None,
    }
)
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def normalise_username(username):
    return unicodedata.normalize("NFKC", username).strip()


def username_skeleton(username):
    """What a name looks like to a reader: case, digits' script, look-alikes and separators folded."""
    text = normalise_username(username).casefold()
    # Arabic-Indic and Persian digits read as the same numbers as ASCII ones.
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)
    text = text.translate(_CONFUSABLES)
    for many, one in _MULTI:
        text = text.replace(many, one)
    return text


def validate_username_characters(username):
    """Letters and digits of one script plus `._-`; the reason is given in the member's language."""
    username = normalise_username(username)
    if not ALLOWED.match(username):
        raise ValidationError(
            _(
                "Use only letters (Latin or Arabic), digits, dots, hyphens and underscores; "
                "no spaces, accents, diacritics or symbols."
            ),
            code="username_characters",
        )
    if LATIN_LETTER.search(username) and ARABIC_LETTER.search(username):
        raise ValidationError(
            _(
                "Use Latin letters or Arabic letters, not both: mixed names can imitate "
                "other members' names."
            ),
            code="username_mixed_script",
        )
    if not (LATIN_LETTER.search(username) or ARABIC_LETTER.search(username)):
        raise ValidationError(_("Include at least one letter."), code="username_no_letter")


username_validators = [validate_username_characters]
