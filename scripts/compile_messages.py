"""Compile every locale/*/LC_MESSAGES/*.po (the project's and each app's own) into .mo with polib, so a fresh machine needs no
GNU gettext just to run the site (makemessages, for translators, still does)."""

from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent
catalogues = [*root.glob("locale/*/LC_MESSAGES/*.po"), *root.glob("*/locale/*/LC_MESSAGES/*.po")]
for po_path in sorted(catalogues):
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
