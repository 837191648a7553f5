"""The demo library that `make run` loads: 500 specific, verified resources in both languages.

Each test names a rule a curator would check by hand: no duplicates, no organisation home pages,
every category stocked, enough in Arabic, no licence without the page that states it."""

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from library.categories import CATEGORY_SLUGS
from library.importer import parse_line
from library.resource_urls import normalize_url
from library.vocabularies import FORMATS
from sitebuild.management.commands.load_demo_data import DEMO_FILE

CONCEPTS_FILE = Path(__file__).resolve().parents[2] / "vocabulary" / "data" / "concepts.csv"


@pytest.fixture(scope="module")
def records():
    lines = [line for line in Path(DEMO_FILE).read_text(encoding="utf-8").splitlines() if line]
    return [parse_line(line) for line in lines]  # raises on any invalid line


WORK_WORDS = ("manual", "handbook", "guide", "course", "toolkit")


def is_home_page(url, media_format):
    """A site's root or a language root (`/`, `/ar/`, `/en/index.html`): an organisation,
    not a resource. A tool's own site is the tool, and a host named for one manual or course
    (onlineharassmentfieldmanual.pen.org) is that work."""
    host = urlsplit(url).hostname or ""
    if media_format == "software":
        return False
    if any(word in host.split(".")[0] for word in WORK_WORDS):
        return False
    parts = [part for part in urlsplit(url).path.split("/") if part]
    if parts and parts[-1].lower() in {"index.html", "index.php", "home"}:
        parts = parts[:-1]
    # A query names a specific page on sites that address posts that way (`/?p=51060`).
    return not urlsplit(url).query and (not parts or (len(parts) == 1 and len(parts[0]) == 2))


def test_demo_library_holds_at_least_500_resources(records):
    assert len(records) >= 500


def test_every_resource_has_title_and_summary_in_both_languages(records):
    missing = [
        record.url
        for record in records
        if not all(
            (record.title.get("en"), record.title.get("ar"))
            + (record.summary.get("en"), record.summary.get("ar"))
        )
    ]
    assert missing == []


def test_demo_urls_are_unique_after_normalisation(records):
    counts = Counter(normalize_url(record.url) for record in records)
    assert [url for url, count in counts.items() if count > 1] == []


def test_no_resource_is_an_organisations_home_page(records):
    home_pages = [record.url for record in records if is_home_page(record.url, record.media_format)]
    assert home_pages == []


def test_every_category_holds_at_least_eight_resources(records):
    counts = Counter(slug for record in records for slug in record.categories)
    assert {slug: counts[slug] for slug in CATEGORY_SLUGS if counts[slug] < 8} == {}


def test_at_least_150_resources_are_in_arabic(records):
    assert sum("ar" in record.languages for record in records) >= 150


def test_formats_spread_over_the_whole_vocabulary(records):
    assert {record.media_format for record in records} == set(FORMATS)


def test_every_stated_licence_has_its_evidence(records):
    unproven = [
        record.url
        for record in records
        if record.license != "LicenseRef-Unknown" and not record.license_evidence
    ]
    assert unproven == []


UNKNOWN_LICENCE = "LicenseRef-Unknown"
# Issue 24: "licence not stated" on at most 30% of the library (312 of 1,048 today, 29.8%).
LICENCE_NOT_STATED_TARGET = 0.30


def test_at_most_30_percent_of_resources_have_no_stated_licence(records):
    unstated = sum(record.license == UNKNOWN_LICENCE for record in records)
    assert unstated / len(records) <= LICENCE_NOT_STATED_TARGET, f"{unstated} of {len(records)}"


def test_tags_are_vocabulary_concepts_so_they_show_in_both_languages(records):
    with CONCEPTS_FILE.open(encoding="utf-8") as concepts:
        identifiers = {row["identifier"] for row in csv.DictReader(concepts)}
    free_text = {tag for record in records for tag in record.tags} - identifiers
    assert free_text == set()


def test_the_home_page_rule_catches_the_organisation_pages_the_old_library_had():
    assert is_home_page("https://ssd.eff.org/", "guide")
    assert is_home_page("https://www.witness.org/ar/", "guide")
    assert not is_home_page("https://signal.org/", "software")
    assert not is_home_page("https://onlineharassmentfieldmanual.pen.org/ar/", "manual")
    assert not is_home_page("https://ssd.eff.org/en/module/your-security-plan", "guide")


def test_trainer_metadata_uses_the_vocabulary(records):
    """Level, time needed and audience, recorded only where a resource's page states them, use
    the vocabulary trainers filter by; a prerequisite is a resource loaded before it."""
    from library.session_metadata import AUDIENCES, LEVELS, MAX_MINUTES

    seen_urls = set()
    problems = []
    for record in records:
        if record.level and record.level not in LEVELS:
            problems.append((record.url, "level", record.level))
        if record.time_minutes is not None and not 1 <= record.time_minutes <= MAX_MINUTES:
            problems.append((record.url, "time_minutes", record.time_minutes))
        problems += [(record.url, "audience", a) for a in record.audience if a not in AUDIENCES]
        problems += [
            (record.url, "prerequisite", p)
            for p in record.prerequisites
            if normalize_url(p) not in seen_urls
        ]
        seen_urls.add(normalize_url(record.url))
    assert problems == []
    described = [r for r in records if r.level or r.time_minutes or r.audience]
    assert len(described) >= 6
