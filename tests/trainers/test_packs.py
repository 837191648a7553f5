"""Offline packs over HTTP in both languages: what goes in (live public resources only), the
size before download, kept until the source changes, clear messages for what cannot be packed,
and the signature checked by the real minisign tool and by manage.py verify_pack."""

import hashlib
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.models import PageViewRestriction

from trainers.models import Agenda, AgendaItem, AgendaResource, Pack

from .conftest import make_member
from .packs import download_pack, public_collection, unzip, zip_of

pytestmark = pytest.mark.django_db

LANGS = ["en", "ar"]


@pytest.mark.parametrize("lang", LANGS)
def test_public_collection_pack_has_html_pdf_and_a_manifest_of_every_file(
    client, signing_key, lang
):
    collection, pages = public_collection(resources=3)
    page, data = download_pack(client, lang, "collection", collection.pk)
    with translation.override(lang):
        size = filesizeformat(Pack.objects.get().size)
    assert size in page  # the size is shown before download
    files = unzip(data)
    assert {"index.html", "pack.pdf", "SHA256SUMS", "SHA256SUMS.minisig"} <= set(files)
    resource_pages = [name for name in files if name.startswith("resources/")]
    assert len(resource_pages) == 3
    manifest = dict(
        reversed(line.split("  ", 1)) for line in files["SHA256SUMS"].decode().splitlines()
    )
    assert set(manifest) == set(files) - {"SHA256SUMS", "SHA256SUMS.minisig"}
    for name, digest in manifest.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest
    index = files["index.html"].decode()
    for resource in pages:
        assert resource.title in index
    assert "private note of the owner" not in "".join(
        f.decode(errors="ignore") for f in files.values()
    )
    assert "<script" not in index
    assert files["pack.pdf"].startswith(b"%PDF")
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in index


def test_arabic_pack_is_right_to_left_in_arabic(client, signing_key):
    from community.models import Collection, CollectionItem

    from .conftest import arabic_resource

    resource = arabic_resource()
    collection = Collection.objects.create(owner=make_member(), name="عدّة الأمان", is_public=True)
    CollectionItem.objects.create(collection=collection, translation_key=resource.translation_key)
    _, data = download_pack(client, "ar", "collection", collection.pk)
    files = unzip(data)
    index = files["index.html"].decode()
    assert 'lang="ar" dir="rtl"' in index
    assert "دليل الأمان الرقمي للصحفيين" in index
    page = next(v.decode() for k, v in files.items() if k.startswith("resources/"))
    assert "كيف تحمي مصادرك واتصالاتك." in page
    assert "الترخيص" in page  # the licence, labelled in Arabic


@pytest.mark.parametrize("lang", LANGS)
def test_only_live_public_resources_go_in(client, signing_key, lang):
    collection, pages = public_collection(resources=3)
    pages[0].unpublish()
    PageViewRestriction.objects.create(
        page=pages[1], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    _, data = download_pack(client, lang, "collection", collection.pk)
    index = unzip(data)["index.html"].decode()
    assert pages[2].title in index
    assert pages[0].title not in index and pages[1].title not in index


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Only a public collection can be packed"),
        ("ar", "لا يمكن تحزيم إلا المجموعات العامة"),
    ],
)
def test_a_private_collection_cannot_be_packed(client, lang, message):
    owner = make_member()
    collection, _ = public_collection(owner=owner, public=False)
    client.force_login(owner)
    response = client.post(f"/{lang}/packs/collection/{collection.pk}/")
    assert response.status_code == 400
    assert message in response.content.decode()
    client.force_login(make_member())  # anyone else does not learn that it exists
    assert client.get(f"/{lang}/packs/collection/{collection.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/{lang}/packs/collection/{collection.pk}/").status_code == 404
    assert not Pack.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "There is nothing to pack"), ("ar", "لا شيء لتحزيمه")],
)
def test_an_empty_collection_gets_a_clear_message(client, lang, message):
    collection, _ = public_collection(resources=0)
    response = client.post(f"/{lang}/packs/collection/{collection.pk}/")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.get(f"/{lang}/packs/nonsense/1/").status_code == 404


def test_a_pack_is_kept_until_its_source_changes(client, signing_key):
    collection, pages = public_collection(resources=2)
    download_pack(client, "en", "collection", collection.pk)
    first = Pack.objects.get()
    client.post(f"/en/packs/collection/{collection.pk}/")
    assert list(Pack.objects.values_list("pk", flat=True)) == [first.pk]  # not built again
    pages[0].title = "A new title"
    pages[0].save_revision().publish()
    _, data = download_pack(client, "en", "collection", collection.pk)
    assert "A new title" in unzip(data)["index.html"].decode()
    assert Pack.objects.count() == 1 and Pack.objects.get().pk != first.pk
    from django.core.files.storage import default_storage

    assert not default_storage.exists(first.file)  # the old file is gone


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_agenda_packs_signed_out_with_its_times(client, signing_key, lang):
    from tests.factories import ResourcePageFactory

    resource = ResourcePageFactory(title="Threat modelling guide")
    agenda = Agenda.objects.create(owner=make_member(), title="Half day", share_token="t" * 32)
    item = AgendaItem.objects.create(agenda=agenda, title="Threats", minutes=90, position=0)
    AgendaItem.objects.create(agenda=agenda, kind="break", minutes=15, position=1)
    AgendaResource.objects.create(item=item, translation_key=resource.translation_key)
    _, data = download_pack(client, lang, "agenda", agenda.share_token)
    index = unzip(data)["index.html"].decode()
    assert "09:00–10:30" in index and "Threats" in index and "Threat modelling guide" in index
    assert client.get(f"/{lang}/packs/agenda/{'u' * 32}/").status_code == 404


def _extract(data, folder):
    for name, content in unzip(data).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def test_the_ordinary_minisign_tool_verifies_and_one_changed_byte_fails(
    client, signing_key, minisign_tool, tmp_path
):
    collection, _ = public_collection(resources=2)
    _, data = download_pack(client, "en", "collection", collection.pk)
    folder = _extract(data, tmp_path / "pack")
    public = (signing_key / "pack.pub").read_text().splitlines()[-1]
    check = [minisign_tool, "-Vm", "SHA256SUMS", "-P", public]
    assert subprocess.run(check, cwd=folder, capture_output=True).returncode == 0
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder).returncode == 0

    manifest = folder / "SHA256SUMS"
    original = manifest.read_bytes()
    changed = bytearray(original)
    changed[10] = ord("0") if changed[10] != ord("0") else ord("1")
    manifest.write_bytes(bytes(changed))
    assert subprocess.run(check, cwd=folder, capture_output=True).returncode != 0


def _write(tmp_path, data, name="pack.zip"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_verify_pack_accepts_a_good_pack_and_refuses_tampered_and_truncated_ones(
    client, signing_key, tmp_path
):
    collection, _ = public_collection(resources=2)
    _, data = download_pack(client, "en", "collection", collection.pk)
    call_command("verify_pack", str(_write(tmp_path, data)))

    files = unzip(data)
    html = next(name for name in files if name.startswith("resources/"))
    tampered = dict(files)
    body = bytearray(files[html])
    body[-20] ^= 1  # one changed byte in a resource page
    tampered[html] = bytes(body)
    with pytest.raises(CommandError, match="This file was changed"):
        call_command("verify_pack", str(_write(tmp_path, zip_of(tampered), "t.zip")))

    forged = dict(files)
    forged["SHA256SUMS"] = files["SHA256SUMS"].replace(b"  index.html", b"  index.htm ")
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_pack", str(_write(tmp_path, zip_of(forged), "f.zip")))

    extra = dict(files, **{"resources/evil.html": b"<script>alert(1)</script>"})
    with pytest.raises(CommandError, match="does not list"):
        call_command("verify_pack", str(_write(tmp_path, zip_of(extra), "e.zip")))

    with pytest.raises(CommandError, match="truncated"):
        call_command("verify_pack", str(_write(tmp_path, data[: len(data) // 2], "h.zip")))


def test_verify_pack_exits_non_zero_from_the_shell(client, signing_key, tmp_path, settings):
    collection, _ = public_collection(resources=1)
    _, data = download_pack(client, "en", "collection", collection.pk)
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tasharuk.settings.test",
        "TASHARUK_PACK_SIGNING_KEY_DIR": str(signing_key),
    }
    good = _write(tmp_path, data)
    command = [sys.executable, "manage.py", "verify_pack"]
    assert subprocess.run([*command, str(good)], env=env, capture_output=True).returncode == 0
    truncated = _write(tmp_path, data[:-100], "bad.zip")
    result = subprocess.run([*command, str(truncated)], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "NOT VALID" in result.stderr


def test_the_signing_key_is_made_once_and_never_overwritten(signing_key):
    before = (signing_key / "pack.key").read_bytes()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("trainers_signing_key")
    assert (signing_key / "pack.key").read_bytes() == before


@pytest.mark.parametrize(("lang", "heading"), [("en", "Public key"), ("ar", "المفتاح العام")])
def test_the_public_key_and_fingerprint_are_published(client, signing_key, lang, heading):
    from trainers import signing

    page = client.get(f"/{lang}/packs/signing-key/").content.decode()
    assert heading in page
    assert signing.public_key() in page
    assert signing.fingerprint() in page
    assert "minisign -Vm SHA256SUMS -P" in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_training_program_packs_week_by_week(client, signing_key, lang):
    from tests.factories import ResourcePageFactory
    from tests.programs.conftest import build_program, weeks

    program = build_program(weeks=2)
    reading = ResourcePageFactory(title="Week one reading")
    first = weeks(program)[0]
    first.resources = [("resource", {"resource": reading, "note": "Read before the call"})]
    first.save_revision().publish()
    _, data = download_pack(client, lang, "program", program.pk)
    index = unzip(data)["index.html"].decode()
    assert "Advocacy tools" in index
    assert "Week 1 topic" in index and "Week one reading" in index
    assert "Read before the call" in index


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_or_stalled_build_is_started_again_when_asked(client, signing_key, lang):
    import datetime

    from django.utils import timezone

    collection, _ = public_collection(resources=1)
    download_pack(client, lang, "collection", collection.pk)
    pack = Pack.objects.get()
    Pack.objects.filter(pk=pack.pk).update(status=Pack.FAILED)
    failed = client.get(f"/{lang}/packs/collection/{collection.pk}/").content.decode()
    assert ("Preparing the pack failed" in failed) or ("تعذّر إعداد الحزمة" in failed)
    download_pack(client, lang, "collection", collection.pk)
    assert Pack.objects.get().status == Pack.READY

    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Pack.objects.update(status=Pack.BUILDING, created_at=long_ago)
    download_pack(client, lang, "collection", collection.pk)
    assert Pack.objects.get().status == Pack.READY


def test_a_resource_is_found_by_its_title_in_either_language(client, trainer):
    from .conftest import arabic_resource

    resource = arabic_resource(title="التشفير للمبتدئين")
    agenda = Agenda.objects.create(owner=trainer, title="Mixed")
    item = AgendaItem.objects.create(agenda=agenda, title="Basics", minutes=30)
    client.force_login(trainer)
    page = client.get(f"/en/workshops/items/{item.pk}/?q=التشفير").content.decode()
    assert "التشفير للمبتدئين" in page
    client.post(f"/en/workshops/items/{item.pk}/resources/", {"key": resource.translation_key})
    assert item.resources.get().translation_key == resource.translation_key
