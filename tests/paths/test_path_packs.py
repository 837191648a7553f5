"""A learning path downloads as a signed offline pack, like collections: one section per step
with its note, only live public resources, and nothing for a path the public may not see."""

import subprocess

import pytest
from wagtail.models import PageViewRestriction

from tests.trainers.packs import download_pack, unzip
from trainers.signing import PUBLIC_NAME

from .conftest import NOTES, build_path, in_language

pytestmark = pytest.mark.django_db

LANGS = ["en", "ar"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_path_packs_step_by_step_with_its_notes(client, signing_key, lang, tmp_path):
    path, resources = build_path()
    resources[1].unpublish()
    path = in_language(path, lang)
    _, data = download_pack(client, lang, "path", path.pk)
    files = unzip(data)
    index = files["index.html"].decode()
    assert path.title in index
    notes = [ar if lang == "ar" else en for en, ar in NOTES]
    assert notes[0] in index and notes[2] in index
    assert notes[1] not in index  # its resource is no longer published
    resource_pages = [name for name in files if name.startswith("resources/")]
    assert len(resource_pages) == 2
    assert resources[1].title not in "".join(f.decode(errors="ignore") for f in files.values())
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in index
    # The ordinary tool verifies the signed manifest.
    folder = tmp_path / "pack"
    folder.mkdir()
    for name in ("SHA256SUMS", "SHA256SUMS.minisig"):
        (folder / name).write_bytes(files[name])
    public_key = signing_key / PUBLIC_NAME
    check = subprocess.run(
        ["minisign", "-V", "-p", str(public_key), "-m", str(folder / "SHA256SUMS")],
        capture_output=True,
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_a_restricted_or_unpublished_path_has_no_pack(client, lang):
    path, _ = build_path()
    PageViewRestriction.objects.create(page=path, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/{lang}/packs/path/{in_language(path, lang).pk}/").status_code == 404
    other, _ = build_path(title="Another path")
    other.unpublish()
    assert client.get(f"/{lang}/packs/path/{other.pk}/").status_code == 404
    assert client.get(f"/{lang}/packs/path/not-a-number/").status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_the_path_page_links_to_its_pack(client, lang):
    path, _ = build_path()
    path = in_language(path, lang)
    assert f"/{lang}/packs/path/{path.pk}/" in client.get(path.url).content.decode()
