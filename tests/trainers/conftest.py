"""Trainers' toolkit fixtures: members, resources in both languages, a site signing key."""

import io
import itertools
import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from library.models import LibraryIndexPage
from tests.browser.conftest import (  # noqa: F401 - the real Chromium and the live site
    chromium,
    live_site,
    site_skeleton_rows,
)
from tests.factories import ResourcePageFactory

PASSWORD = "a long passphrase 42"
_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Packs are written to a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def make_member(name=None, **fields):
    name = name or f"trainer{next(_numbers)}"
    return get_user_model().objects.create_user(username=name, password=PASSWORD, **fields)


@pytest.fixture
def trainer(db):
    return make_member()


def arabic_resource(**fields):
    fields.setdefault("title", "دليل الأمان الرقمي للصحفيين")
    fields.setdefault("summary", "كيف تحمي مصادرك واتصالاتك.")
    return ResourcePageFactory(
        parent=LibraryIndexPage.objects.get(locale__language_code="ar"),
        languages=["ar"],
        **fields,
    )


@pytest.fixture
def minisign_tool():
    """The real minisign binary (Debian's package); scripts/test installs it in CI."""
    if shutil.which("minisign") is None:
        if os.environ.get("CI"):
            pytest.fail("minisign is required in CI (scripts/test installs it).")
        pytest.skip("minisign is not installed")
    return shutil.which("minisign")


@pytest.fixture
def signing_key(settings, tmp_path, minisign_tool):
    """A site key made by the real command, in a folder outside the repository."""
    settings.TASHARUK_PACK_SIGNING_KEY_DIR = str(tmp_path / "keys")
    call_command("trainers_signing_key", stdout=io.StringIO())
    return tmp_path / "keys"
