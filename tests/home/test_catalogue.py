"""Every user-facing string has its Arabic translation, in the project's catalogue and in each
app's own (apps that keep their templates beside them keep their strings beside them too)."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    [*ROOT.glob("locale/ar/LC_MESSAGES/django.po"), *ROOT.glob("*/locale/ar/LC_MESSAGES/django.po")]
)


def test_the_project_catalogue_exists():
    assert ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_arabic_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
