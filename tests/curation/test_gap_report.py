"""The knowledge-gap report: counts that match the database, zero-result searches without any
trace of who searched, CSV export, and wanted notes readers see on category pages."""

import csv
import io
from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from community.models import Submission
from curation import gaps
from curation.models import WantedNote
from library.models import CategoryPage, ResourcePage
from library.translations import translate
from search.models import ZeroResultQuery
from search.services import record_zero_result
from tests.curation.conftest import use_admin_language
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def category(slug):
    return CategoryPage.objects.get(slug=slug, locale__language_code="en")


@pytest.fixture
def library(arabic):
    security, privacy = category("digital-security"), category("privacy")
    first = ResourcePageFactory(languages=["ar", "en"], regions=["mena", "lb"])
    first.categories.set([security, privacy])
    first.save_revision().publish()
    translate(first, arabic, fields={"title": "دليل"})  # same work: must not count twice
    second = ResourcePageFactory(languages=["en"], media_format="video")
    second.categories.set([security])
    second.save_revision().publish()
    third = ResourcePageFactory(languages=["fr"], regions=["global"])
    third.categories.set([privacy])
    third.save_revision().publish()
    draft = ResourcePageFactory(languages=["ar"], live=False)
    draft.categories.set([security])
    draft.save_revision()
    return [first, second, third, draft]


def expected_count(category_page, language):
    """Straight from the database: distinct published works in the category and language."""
    return (
        ResourcePage.objects.live()
        .filter(categories=category_page)
        .filter(Q(languages__contains=[language]))
        .values("translation_key")
        .distinct()
        .count()
    )


def test_the_coverage_matrix_counts_match_the_database(library):
    columns, rows = gaps.coverage_matrix()
    assert columns[:2] == ["ar", "en"] and "fr" in columns
    assert len(rows) == 40
    for row in rows:
        for language, count in row.cells:
            assert count == expected_count(row.category, language), (row.category.slug, language)
    by_slug = {row.category.slug: row for row in rows}
    assert dict(by_slug["digital-security"].cells)["ar"] == 1  # the draft does not count
    assert by_slug["digital-security"].total == 2
    assert by_slug["environment"].total == 0


def test_coverage_by_region_and_format_counts_each_work_once(library):
    regions = {code: n for code, _label, n in gaps.coverage_by_region()}
    assert regions["mena"] == 1 and regions["lb"] == 1 and regions["global"] == 2
    formats = {code: n for code, _label, n in gaps.coverage_by_format()}
    assert formats["video"] == 1 and formats["guide"] == 2 and formats["dataset"] == 0


def test_zero_result_searches_are_summed_per_locale_within_the_period():
    today = timezone.localdate()
    ZeroResultQuery.objects.create(query="signal", locale="en", day=today, count=3)
    ZeroResultQuery.objects.create(query="signal", locale="en", day=today - timedelta(1), count=2)
    ZeroResultQuery.objects.create(query="old", locale="en", day=today - timedelta(90), count=9)
    ZeroResultQuery.objects.create(query="تشفير", locale="ar", day=today, count=4)
    found = gaps.zero_result_searches(today - timedelta(29), today)
    assert found == {"en": [("signal", 5)], "ar": [("تشفير", 4)]}


def test_zero_result_aggregates_hold_no_user_or_address_data(admin_client, client, curator):
    assert {f.name for f in ZeroResultQuery._meta.get_fields()} == {
        "id",
        "query",
        "locale",
        "day",
        "count",
    }
    record_zero_result("ghost tool", "en")
    admin_client.defaults["REMOTE_ADDR"] = "203.0.113.77"
    csv_text = admin_client.get("/admin/curation/gaps/?export=searches").content.decode()
    page = admin_client.get("/admin/curation/gaps/").content.decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[1] == ["en", "ghost tool", "1"]
    assert all(len(row) == 3 for row in rows)
    assert "203.0.113.77" not in csv_text and "203.0.113.77" not in page
    assert "ghost tool" in page


def test_submissions_per_month_include_empty_months():
    today = timezone.localdate()
    for days_ago in (0, 0, 40):
        submission = Submission.objects.create(
            translation_key="00000000-0000-0000-0000-000000000001",
            source_url="https://x.example.org/",
            title="x",
        )
        Submission.objects.filter(pk=submission.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    series = gaps.submissions_per_month(months=12, today=today)
    assert len(series) == 12
    assert series[-1] == (today.replace(day=1), 2)
    assert sum(n for _month, n in series) == 3


@pytest.mark.parametrize(
    ("lang", "heading", "empty_label"),
    [
        ("en", "Coverage: categories × resource languages", "no resource"),
        ("ar", "التغطية: التصنيفات × لغات الموارد", "لا مورد"),
    ],
)
def test_curators_see_the_report_in_both_languages(
    admin_client, curator, library, lang, heading, empty_label
):
    use_admin_language(curator, lang)
    html = admin_client.get("/admin/curation/gaps/").content.decode()
    assert heading in html
    assert empty_label in html
    assert 'class="cell--empty" data-category="environment" data-language="ar"' in html
    assert "<svg" in html and '<script src="http' not in html


def test_the_csv_export_of_the_matrix_has_one_row_per_category(admin_client, library):
    response = admin_client.get("/admin/curation/gaps/?export=coverage")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 41
    security = next(row for row in rows if row[0] == "digital-security")
    assert security[1:3] == ["1", "2"]  # Arabic 1, English 2


def test_csv_cells_that_look_like_formulas_are_made_inert():
    assert "'=HYPERLINK" in gaps.to_csv(["q"], [["=HYPERLINK(1)"]])


def test_a_bad_period_is_explained_and_the_default_used(admin_client):
    html = admin_client.get("/admin/curation/gaps/?start=2026-05-01&end=2026-01-01").content
    assert "The end of the period is before its start." in html.decode()


def test_people_without_the_permission_cannot_open_the_report(client, django_user_model):
    from django.contrib.auth.models import Permission
    from django_otp.plugins.otp_totp.models import TOTPDevice

    editor = django_user_model.objects.create_user("editor", password="a long passphrase 42")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.get("/admin/curation/gaps/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # admin's "denied"
    assert client.get("/admin/curation/gaps/?export=coverage").status_code == 302


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "This category still lacks resources in Arabic."),
        ("ar", "ما زال هذا التصنيف يفتقر إلى موارد باللغة العربية."),
    ],
)
def test_a_gap_becomes_a_wanted_note_on_the_category_page(admin_client, client, lang, text):
    security = category("digital-security")
    response = admin_client.post(
        "/admin/curation/gaps/wanted/", {"category": security.pk, "language": "ar"}
    )
    assert response.status_code == 302
    note = WantedNote.objects.get()
    assert (note.category, note.resource_language, note.active) == (security, "ar", True)
    note.message_en, note.message_ar = "Guides for phones, please.", "أدلة للهواتف من فضلكم."
    note.save()
    shown = (
        security
        if lang == "en"
        else security.get_translation(security.locale.__class__.objects.get(language_code="ar"))
    )
    html = client.get(shown.url).content.decode()
    assert text in html
    assert ("Guides for phones" if lang == "en" else "أدلة للهواتف") in html
    assert "/submit/" in html
