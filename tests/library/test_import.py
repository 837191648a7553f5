"""`import_resources`: the JSON Lines contract, bad lines, updates and Arabic round trips."""

import json

import pytest
from django.core.management import CommandError, call_command

from library.importer import import_lines
from library.models import ResourcePage

pytestmark = pytest.mark.django_db

GOOD = {
    "url": "https://securityinabox.org/en/",
    "title": {"en": "Security in a Box", "ar": "عُدّة الأمان الرقمي"},
    "summary": {
        "en": "Tools and tactics for digital security.",
        "ar": "أدوات وأساليب لحماية الخصوصية والأمن الرقمي.",
    },
    "categories": ["digital-security", "privacy"],
    "languages": ["ar", "en"],
    "format": "guide",
    "regions": ["mena", "lb"],
    "license": "CC-BY-SA-4.0",
    "author": "Front Line Defenders",
    "publisher": "Tactical Tech",
    "year": 2013,
    "tags": ["encryption", "passwords"],
}


def line(**changes):
    return json.dumps({**GOOD, **changes}, ensure_ascii=False)


def pages(url_fragment="securityinabox"):
    return ResourcePage.objects.filter(normalized_url__contains=url_fragment)


def test_good_line_creates_english_page_and_arabic_translation():
    report = import_lines([line()])
    assert (report.created, report.updated, report.errors) == (1, 0, [])
    english = pages().get(locale__language_code="en")
    arabic = pages().get(locale__language_code="ar")
    assert english.translation_key == arabic.translation_key
    assert arabic.live and english.live
    assert english.languages == ["ar", "en"] and english.regions == ["mena", "lb"]
    assert sorted(c.slug for c in english.categories.all()) == ["digital-security", "privacy"]
    assert sorted(t.name for t in english.tags.all()) == ["encryption", "passwords"]


def test_arabic_text_round_trips_intact(client):
    import_lines([line()])
    arabic = pages().get(locale__language_code="ar")
    assert arabic.title == "عُدّة الأمان الرقمي"
    assert arabic.summary == "أدوات وأساليب لحماية الخصوصية والأمن الرقمي."
    html = client.get(arabic.url).content.decode()
    assert "عُدّة الأمان الرقمي" in html


def test_second_import_updates_instead_of_duplicating():
    import_lines([line()])
    report = import_lines(
        [line(url="https://www.SecurityInABox.org/en", title={"en": "Security in a Box 2"})]
    )
    assert (report.created, report.updated) == (0, 1)
    assert pages().filter(locale__language_code="en").count() == 1
    assert pages().get(locale__language_code="en").title == "Security in a Box 2"


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_imported():
    lines = [
        line(),
        "{not json",
        line(url="javascript:alert(1)"),
        line(url="data:text/html,hi"),
        line(url="https://a.example/", categories=["no-such-category"]),
        line(url="https://b.example/", format="hologram"),
        line(url="https://c.example/", license="WTFPL-9"),
        line(url="https://d.example/", languages=["xx"]),
        line(url="https://e.example/", title={"en": "x" * 300}),
        json.dumps({"title": {"en": "no url"}}),
        line(url="https://f.example/", title={}),
        "",
        line(url="https://g.example/", year=1200),
    ]
    report = import_lines(lines)
    assert report.created == 1
    numbers = [number for number, _message in report.errors]
    assert numbers == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]
    messages = dict(report.errors)
    assert "JSON" in messages[2]
    assert "http" in messages[3] and "http" in messages[4]
    assert "no-such-category" in messages[5]
    assert "hologram" in messages[6]
    assert "WTFPL-9" in messages[7]
    assert "xx" in messages[8]
    assert "255" in messages[9]
    assert "url" in messages[10]
    # Nothing of a bad line is half-written.
    for host in "abcdefg":
        assert not ResourcePage.objects.filter(source_url__contains=f"{host}.example").exists()


def test_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\n", encoding="utf-8")
    call_command("import_resources", str(path), "--dry-run")
    assert "1 would be created" in capsys.readouterr().out
    assert not pages().exists()


def test_strict_imports_nothing_when_a_line_is_bad(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\nnot json\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_resources", str(path), "--strict")
    assert "line 2" in capsys.readouterr().err
    assert not pages().exists()


def test_arabic_only_resource_lives_in_the_arabic_library(client):
    import_lines([line(url="https://smex.org/ar/x", title={"ar": "دليل"}, summary={"ar": "ملخص"})])
    page = ResourcePage.objects.get(source_url="https://smex.org/ar/x")
    assert page.locale.language_code == "ar"
    assert client.get(page.url).status_code == 200


def test_body_paragraphs_are_translated_even_with_quotes_and_ampersands(client):
    body = {
        "en": 'The trainers\' manual & its companion.\n\nA second "quoted" paragraph.',
        "ar": "دليل المدربين ومرفقه.\n\nفقرة ثانية «مقتبسة».",
    }
    import_lines([line(body=body)])
    arabic = pages().get(locale__language_code="ar")
    html = client.get(arabic.url).content.decode()
    assert "دليل المدربين ومرفقه." in html
    assert "فقرة ثانية «مقتبسة»." in html
    assert "trainers" not in html


EVIDENCE = "https://securityinabox.org/en/about/"


def test_licence_evidence_is_kept_for_curators_and_never_shown_to_readers(client):
    report = import_lines([line(license_evidence=EVIDENCE)])
    assert report.errors == []
    english = pages().get(locale__language_code="en")
    arabic = pages().get(locale__language_code="ar")
    assert english.license_evidence == arabic.license_evidence == EVIDENCE
    for page in (english, arabic):
        assert EVIDENCE not in client.get(page.url).content.decode()
    api = client.get(f"/api/v1/resources/{english.pk}/").content.decode()
    assert EVIDENCE not in api


def test_evidence_without_a_licence_or_not_a_web_address_is_a_reported_bad_line():
    report = import_lines(
        [
            line(
                url="https://example.org/a", license="LicenseRef-Unknown", license_evidence=EVIDENCE
            ),
            line(url="https://example.org/b", license_evidence="file:///etc/passwd"),
            line(url="https://example.org/c"),
        ]
    )
    assert report.created == 1
    assert [number for number, _message in report.errors] == [1, 2]
    assert all("license_evidence" in message for _number, message in report.errors)
