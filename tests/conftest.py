"""Shared fixtures: the bilingual site skeleton is built once per test session, outside the
per-test transactions, the way `load_demo_data` builds it (both locales, 40 categories)."""

import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from wagtail.models import Locale

from search import indexing
from sitebuild.site_structure import ensure_site
from tasharuk import local_copies


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    if os.environ.get("CI") and connection.vendor != "postgresql":
        pytest.exit("CI must run the suite against PostgreSQL (set DATABASE_URL).", returncode=2)
    with django_db_blocker.unblock():
        ensure_site()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language, whatever the one before it activated
    (a request through the test client leaves its language active in the thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_local_copies_from_before():
    """Each test starts with no process-local copies of kept values: a test that empties the
    shared cache or rolls its rows back must not meet a copy an earlier test made."""
    local_copies.copies.clear()


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def arabic(db):
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def django_capture_on_commit_callbacks(django_capture_on_commit_callbacks):
    """pytest-django's capture, standing for a commit: the test's transaction never commits,
    so search indexing's pending batch from before the block (the setup's publications) would
    collect the block's changes and never run. Each block starts a batch of its own."""

    @contextmanager
    def capture(*args, **kwargs):
        indexing.forget_pending_batch()
        with django_capture_on_commit_callbacks(*args, **kwargs) as callbacks:
            yield callbacks

    return capture
