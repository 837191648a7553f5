"""The README is the project's front door: short enough to read, and every link in it leads
somewhere (a newcomer follows them to the manual and to the curators' guide in Arabic)."""

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
README_LIMIT = 12 * 1024  # bytes
# [text](target) and ![alt](target); the target ends at the first space or ")".
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, …


def relative_links(markdown_file):
    """The relative link targets of a Markdown file, without their #anchors."""
    text = markdown_file.read_text(encoding="utf-8")
    targets = []
    for target in MARKDOWN_LINK.findall(text):
        if EXTERNAL.match(target) or target.startswith("#"):
            continue
        targets.append(unquote(target.split("#", 1)[0]))
    return targets


def missing_targets(markdown_file):
    base = markdown_file.parent
    return [t for t in relative_links(markdown_file) if not (base / t).resolve().is_file()]


def test_readme_stays_under_twelve_kilobytes():
    size = (ROOT / "README.md").stat().st_size
    assert size < README_LIMIT, (
        f"README.md is {size} bytes; move detail into docs/ (limit {README_LIMIT})"
    )


def test_every_relative_link_in_the_readme_resolves_to_a_file():
    links = relative_links(ROOT / "README.md")
    assert links, "the README links into the manual"
    assert missing_targets(ROOT / "README.md") == []


def test_the_readme_shows_the_arabic_home_page_and_leads_to_the_arabic_curators_guide():
    links = relative_links(ROOT / "README.md")
    assert "docs/images/home-ar.png" in links
    assert (ROOT / "docs/images/home-ar.png").read_bytes().startswith(b"\x89PNG")
    assert "docs/ar/curators/index.md" in links


def test_every_relative_link_in_the_changelog_resolves_to_a_file():
    assert missing_targets(ROOT / "CHANGELOG.md") == []


def test_a_broken_link_is_noticed(tmp_path):
    page = tmp_path / "README.md"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# here\n", encoding="utf-8")
    page.write_text(
        "[ok](docs/there.md#part) [web](https://example.org/x.md) [gone](docs/gone.md)\n"
        "![shot](docs/images/missing.png) [anchor](#two-commands)\n",
        encoding="utf-8",
    )
    assert missing_targets(page) == ["docs/gone.md", "docs/images/missing.png"]
