"""The demo vocabulary: about 350 concepts of the field in Arabic and English, covering the 40
categories, loaded from vocabulary/data/concepts.csv by `manage.py load_demo_data`."""

from pathlib import Path

from .exchange import import_file

DEMO_FILE = Path(__file__).resolve().parent / "data" / "concepts.csv"


def load_demo_vocabulary():
    """Create or update the demo concepts; returns (created, updated). Safe to run again:
    unchanged concepts are left alone, so a second run changes nothing."""
    return import_file(DEMO_FILE, format="csv")
