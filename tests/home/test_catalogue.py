"""Every user-facing string has its Arabic translation."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def test_arabic_catalogue_is_complete():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
