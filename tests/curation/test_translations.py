"""Translation status and PO batches: stale detection after a source edit, a PO round trip that
changes exactly the translated strings, and bad PO files rejected with nothing applied."""

import io
import zipfile

import polib
import pytest
from django.conf import settings
from wagtail_localize.models import StringTranslation

from curation import po_batches, translation_status
from library.models import ResourcePage
from library.translations import translate
from tests.curation.conftest import use_admin_language
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(arabic):
    page = ResourcePageFactory(title="Holistic Security", summary="A manual for activists.")
    translate(page, arabic, fields={"title": "الأمن الشامل", "summary": "دليل للناشطين."})
    return ResourcePage.objects.get(pk=page.pk)


def status_of(page, english, arabic):
    rows = translation_status.status_rows(english, arabic, kinds=["resource"])
    return next(row.status for row in rows if row.page.pk == page.pk)


def test_a_fresh_translation_is_up_to_date_and_an_untranslated_page_is_missing(
    bilingual, english, arabic
):
    lonely = ResourcePageFactory(title="Only in English")
    assert status_of(bilingual, english, arabic) == translation_status.UP_TO_DATE
    assert status_of(lonely, english, arabic) == translation_status.MISSING


def test_editing_the_source_makes_the_translation_stale_until_synced(bilingual, english, arabic):
    bilingual.summary = "A manual for activists, second edition."
    bilingual.save_revision().publish()
    assert status_of(bilingual, english, arabic) == translation_status.STALE
    po_batches.translation_for(ResourcePage.objects.get(pk=bilingual.pk), arabic)  # sync
    assert status_of(bilingual, english, arabic) == translation_status.INCOMPLETE


def test_the_report_filters_by_direction_and_category(admin_client, bilingual, arabic):
    from library.models import CategoryPage

    security = CategoryPage.objects.get(slug="digital-security", locale__language_code="en")
    filed = ResourcePageFactory(title="Filed under security")
    filed.categories.set([security])
    filed.save_revision().publish()
    ResourcePageFactory(title="Filed nowhere")
    html = admin_client.get(
        f"/admin/curation/translations/?direction=en-ar&kind=resource&category={security.pk}"
    ).content.decode()
    assert "Filed under security" in html and "Filed nowhere" not in html
    assert f"/admin/localize/submit/page/{filed.pk}/" in html
    other_way = admin_client.get("/admin/curation/translations/?direction=ar-en").content.decode()
    assert "Filed under security" not in other_way


@pytest.mark.parametrize(("lang", "label"), [("en", "Not translated"), ("ar", "غير مترجمة")])
def test_the_dashboard_panel_counts_pages_needing_work(admin_client, curator, lang, label):
    use_admin_language(curator, lang)
    ResourcePageFactory(title="Only in English")
    html = admin_client.get("/admin/").content.decode()
    assert label in html
    assert "/admin/curation/translations/?direction=en-ar&amp;status=missing" in html


def export_files(admin_client, pages):
    response = admin_client.post(
        "/admin/curation/translations/?direction=en-ar",
        {"export": "1", "direction": "en-ar", "selected": [p.pk for p in pages]},
    )
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: polib.pofile(archive.read(name).decode()) for name in archive.namelist()}


def upload(admin_client, name, data):
    return admin_client.post(
        "/admin/curation/translations/?direction=en-ar",
        {"batch": _file(name, data)},
    ).content.decode()


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text if isinstance(text, bytes) else str(text))
    return buffer.getvalue()


def test_a_po_round_trip_changes_exactly_the_translated_strings(admin_client, bilingual):
    files = export_files(admin_client, [bilingual])
    ((name, po),) = files.items()
    before = {e.msgctxt: e.msgstr for e in po}
    assert before["title"] == "الأمن الشامل"
    po.find("A manual for activists.", by="msgid").msgstr = "دليل عملي للناشطين والناشطات."
    html = upload(admin_client, "batch.zip", zipped({name: po}))
    assert "Imported" in html and "دليل عملي للناشطين والناشطات." in html
    arabic_page = bilingual.get_translation(
        bilingual.locale.__class__.objects.get(language_code="ar")
    )
    draft = arabic_page.get_latest_revision_as_object()
    assert draft.summary == "دليل عملي للناشطين والناشطات."
    assert draft.title == "الأمن الشامل"
    translated = dict(
        StringTranslation.objects.filter(locale__language_code="ar").values_list(
            "context__path", "data"
        )
    )
    assert translated["title"] == "الأمن الشامل"
    assert translated["summary"] == "دليل عملي للناشطين والناشطات."
    # The report lists the one changed string, not the unchanged title.
    assert html.count('<td dir="ltr">') == 1


def test_a_missing_translation_can_be_done_offline(admin_client, arabic):
    page = ResourcePageFactory(title="Offline guide", summary="Read it offline.")
    ((name, po),) = export_files(admin_client, [page]).items()
    for entry in po:
        entry.msgstr = {
            "Offline guide": "دليل دون اتصال",
            "Read it offline.": "اقرأه دون اتصال.",
        }.get(entry.msgid, "")
    upload(admin_client, name, str(po).encode())
    created = page.get_translation(arabic)
    assert created.get_latest_revision_as_object().title == "دليل دون اتصال"


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        ("msgid", "not in the page’s current source text"),
        ("encoding", "broken encoding"),
        ("page", "does not belong to any page"),
        ("syntax", "not a valid PO file"),
    ],
)
def test_a_bad_po_file_rejects_the_whole_batch(admin_client, bilingual, breakage, reason):
    good_page = ResourcePageFactory(title="Second guide", summary="Second summary.")
    files = export_files(admin_client, [bilingual, good_page])
    good_name = next(n for n in files if "resource" in n and n != f"{bilingual.slug}-ar.po")
    files[good_name].find("Second summary.", by="msgid").msgstr = "ملخص ثان."
    bad_name = f"{bilingual.slug}-ar.po"
    bad = files[bad_name]
    if breakage == "msgid":
        bad.append(polib.POEntry(msgid="Not in the source", msgctxt="summary", msgstr="x"))
        payload = str(bad)
    elif breakage == "encoding":
        payload = str(bad).replace("الأمن الشامل", "Sécurité").encode("latin-1", "replace")
    elif breakage == "page":
        bad.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
        payload = str(bad)
    else:
        payload = str(bad) + "\nthis line is not PO syntax\n"
    html = upload(
        admin_client, "batch.zip", zipped({good_name: files[good_name], bad_name: payload})
    )
    assert "Nothing was imported" in html and reason in html
    assert not StringTranslation.objects.filter(data="ملخص ثان.").exists()


def test_not_a_zip_is_rejected_with_a_reason(admin_client):
    html = upload(admin_client, "batch.zip", b"not a zip at all")
    assert "not a readable ZIP file" in html


def test_machine_translation_stays_off():
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
