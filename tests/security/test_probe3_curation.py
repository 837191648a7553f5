"""Issue 21, items 3, 5 and 6: the curation admin as the outside probe met it, over HTTP, as a
translator whose only project permission is the translation tools (signed in with a second
factor), and as a superuser for Wagtail's own exports (those: test_probe3_exports_and_classify.py).

3. A PO upload changed the live page at once and needed no page permission; the export handed
   out drafts. 5. A PO "file" naming a server path was read from disk. 6. A ZIP could fill the
   worker's memory or raise a server error.
"""

import io
import tracemalloc
import zipfile
from pathlib import Path

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Page

from curation import po_batches
from tests.factories import ResourcePageFactory

# The search fixtures (a real engine when TASHARUK_SEARCH_URL is set, failing in CI without
# one; the database fallback always) and their per-session index prefix.
from tests.search.conftest import (  # noqa: F401 - pytest fixtures
    _session_index_prefix,
    database_backend,
    engine_backend,
    engine_url,
    index,
)
from tests.security.curation_probe import grant_arabic_editing, signed_in

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/curation/translations/?direction=en-ar"


# --- PO files over HTTP ---------------------------------------------------------------------


def export(client, pages):
    return client.post(
        STATUS_URL, {"export": "1", "direction": "en-ar", "selected": [p.pk for p in pages]}
    )


def exported_po(client, pages):
    response = export(client, pages)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: polib.pofile(archive.read(name).decode()) for name in archive.namelist()}


def upload(client, name, data):
    response = client.post(STATUS_URL, {"batch": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    return response.content.decode()


def retitled_po(superuser, page, title):
    """The page's PO file (as an authorised exporter would hand it on) with a new title."""
    ((name, po),) = exported_po(signed_in(superuser), [page]).items()
    po.find(page.title, by="msgid").msgstr = title
    return name, str(po).encode()


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def public_title(lang, page):
    """What an anonymous reader sees: the public page and the API, in `lang`."""
    html = Client().get(page.url).content.decode()
    api = Client().get(f"/api/v1/resources/{page.pk}/", {"locale": lang}).json()
    return html, api["title"]


def found(lang, query):
    return Client().get("/api/v1/search/", {"q": query, "locale": lang}).json()["count"]


# --- item 3: uploads make drafts; both ways respect page permissions ------------------------


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        ("en", "does not belong to any page you may translate"),
        ("ar", "لا ينتمي الملف إلى أي صفحة يُسمح لك بترجمتها"),
    ],
)
def test_a_translator_without_page_permission_cannot_upload_or_export(
    translator, superuser, bilingual, arabic, lang, refusal
):
    arabic_page = bilingual.get_translation(arabic)
    revisions = arabic_page.revisions.count()
    name, data = retitled_po(superuser, bilingual, "عنوان مزوّر")
    client = signed_in(translator, lang)

    html = upload(client, name, data)

    assert refusal in html
    arabic_page.refresh_from_db()
    assert arabic_page.title == "الأمن الشامل"
    assert arabic_page.revisions.count() == revisions
    assert "عنوان مزوّر" not in public_title("ar", arabic_page)[0]
    # Nor does the export hand out the page's strings.
    response = export(client, [bilingual])
    assert response.status_code == 302 and response["Content-Type"] != "application/zip"


@pytest.fixture(params=["engine", "database"])
def search_backend(request):
    return request.getfixturevalue(f"{request.param}_backend")


def test_an_upload_is_a_draft_until_someone_with_publish_permission_publishes_it(
    search_backend, translator, superuser, bilingual, arabic
):
    grant_arabic_editing(translator)
    arabic_page = bilingual.get_translation(arabic)
    index(bilingual)
    assert found("ar", "الشامل") == 1

    client = signed_in(translator, "ar")
    ((name, po),) = exported_po(client, [bilingual]).items()
    po.find("Holistic Security", by="msgid").msgstr = "عنوان مراجَع جديد"
    html = upload(client, name, str(po).encode())
    assert "عنوان مراجَع جديد" in html  # the report lists the change

    # Live content is untouched: the page row, the public page, the API, the search index
    # (even rebuilt from the rows, as the next rating or sync would).
    arabic_page.refresh_from_db()
    assert arabic_page.title == "الأمن الشامل" and arabic_page.has_unpublished_changes
    page_html, api_title = public_title("ar", arabic_page)
    assert "الأمن الشامل" in page_html and "عنوان مراجَع جديد" not in page_html
    assert api_title == "الأمن الشامل"
    index(bilingual)
    assert found("ar", "مراجَع") == 0 and found("ar", "الشامل") == 1
    # A draft revision holds the translation, by the translator, who may not publish it.
    revision = arabic_page.get_latest_revision()
    assert revision.as_object().title == "عنوان مراجَع جديد"
    assert revision.user == translator
    assert not arabic_page.permissions_for_user(translator).can_publish()

    # Someone with publish permission publishes the draft: now it is live everywhere.
    revision.publish(user=superuser)
    arabic_page.refresh_from_db()
    index(bilingual)
    page_html, api_title = public_title("ar", arabic_page)
    assert "عنوان مراجَع جديد" in page_html and api_title == "عنوان مراجَع جديد"
    assert found("ar", "مراجَع") == 1


def test_an_upload_for_a_page_not_yet_translated_creates_a_page_that_is_not_live(
    translator, arabic
):
    grant_arabic_editing(translator)
    page = ResourcePageFactory(title="Offline guide", summary="Read it offline.")
    client = signed_in(translator)
    ((name, po),) = exported_po(client, [page]).items()
    for entry in po:
        entry.msgstr = {"Offline guide": "دليل دون اتصال"}.get(entry.msgid, "")
    upload(client, name, str(po).encode())
    created = page.get_translation(arabic)
    assert not created.live
    assert created.get_latest_revision_as_object().title == "دليل دون اتصال"
    assert Client().get(f"/api/v1/resources/{created.pk}/", {"locale": "ar"}).status_code == 404


def test_the_export_leaves_out_drafts_and_weeks_of_unpublished_programs(
    translator, bilingual, arabic
):
    from tests.programs.conftest import build_program

    grant_arabic_editing(translator)
    submission = ResourcePageFactory(title="Pending submission draft", live=False)
    submission.save_revision()
    program = build_program(weeks=1, arabic=True, title="Unpublished program")
    program.unpublish()
    week = Page.objects.child_of(program).get().specific
    assert week.live  # a live week under a program that is not

    client = signed_in(translator)
    files = exported_po(client, [bilingual, submission, week])

    assert list(files) == [f"{bilingual.slug}-ar.po"]
    msgids = {entry.msgid for po in files.values() for entry in po}
    assert "Pending submission draft" not in msgids and "Week 1 topic" not in msgids
    # Only drafts selected: nothing at all, and a reason.
    response = export(client, [submission, week])
    assert response.status_code == 302
    messages = client.get(response["Location"]).content.decode()
    assert "Select at least one published page whose translation you may edit." in messages


# --- item 5: a PO file's content is never a path ---------------------------------------------


def test_a_po_file_naming_a_server_file_is_parsed_as_text(translator):
    existing = Path(po_batches.__file__).resolve().parents[1] / "locale/ar/LC_MESSAGES/django.po"
    assert existing.is_file()
    client = signed_in(translator)
    about_existing = upload(client, "batch.po", str(existing).encode())
    about_missing = upload(client, "batch.po", b"/no/such/file/django.po")
    # The same answer whether or not the file exists: no oracle, nothing read from disk.
    for html in (about_existing, about_missing):
        assert "not a valid PO file" in html
        assert "does not belong to any page" not in html


# --- item 6: ZIP bombs and lying archives ------------------------------------------------------


def test_a_zip_that_unpacks_to_too_much_is_refused_without_reading_it_all(translator):
    entry = b"#" * po_batches.MAX_FILE_BYTES  # each entry within the per-file limit
    count = po_batches.MAX_TOTAL_BYTES // po_batches.MAX_FILE_BYTES + 5
    bomb = zipped({f"page-{n}-ar.po": entry for n in range(count)})
    assert len(bomb) < 1024 * 1024
    client = signed_in(translator)

    tracemalloc.start()
    try:
        html = upload(client, "batch.zip", bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "The files are too large together (at most 20 MB unpacked)." in html
    assert "Nothing was imported" in html
    assert peak < po_batches.MAX_TOTAL_BYTES + 8 * 1024 * 1024


def test_an_entry_larger_than_allowed_is_refused_by_its_real_size(translator):
    archive = zipped({"page-ar.po": b"#" * (po_batches.MAX_FILE_BYTES + 1)})
    html = upload(signed_in(translator, "ar"), "batch.zip", archive)
    assert "هذا الملف كبير جدًا." in html


def _lie_about_sizes(archive, declared):
    """The archive with every entry's uncompressed size replaced by `declared` (local headers
    and the central directory), the way a forged ZIP lies."""
    data = bytearray(archive)
    size = declared.to_bytes(4, "little")
    position = 0
    while (position := data.find(b"PK\x03\x04", position)) != -1:  # local file headers
        data[position + 22 : position + 26] = size
        position += 4
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:  # central directory
        data[position + 24 : position + 28] = size
        position += 4
    return bytes(data)


@pytest.mark.parametrize("declared", [10, 100 * 1024 * 1024])
def test_a_zip_whose_declared_sizes_lie_is_refused_with_a_reason(translator, declared):
    archive = _lie_about_sizes(zipped({"page-ar.po": b"#" * 50_000}), declared)
    html = upload(signed_in(translator), "batch.zip", archive)
    assert "This is not a readable ZIP file." in html
