"""The demo library that `make run` loads: real resources, both languages, every category."""

from pathlib import Path

import pytest

from library.categories import CATEGORY_SLUGS
from library.importer import parse_line
from library.resource_urls import normalize_url
from sitebuild.management.commands.load_demo_data import DEMO_FILE


@pytest.fixture(scope="module")
def records():
    lines = [line for line in Path(DEMO_FILE).read_text(encoding="utf-8").splitlines() if line]
    return [parse_line(line) for line in lines]  # raises on any invalid line


def test_demo_library_has_at_least_60_valid_bilingual_resources(records):
    assert len(records) >= 60
    for record in records:
        assert record.title.get("en") and record.title.get("ar"), record.url
        assert record.summary.get("en") and record.summary.get("ar"), record.url


def test_demo_urls_are_unique_after_normalisation(records):
    urls = [normalize_url(record.url) for record in records]
    assert len(urls) == len(set(urls))


def test_every_category_has_demo_resources(records):
    used = {slug for record in records for slug in record.categories}
    assert used == CATEGORY_SLUGS
