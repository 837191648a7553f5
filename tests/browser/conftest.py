"""Browser tests drive the machine's real Chromium (Debian's package) through Playwright."""

import contextlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from sitebuild.site_structure import ensure_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".build" / "screenshots"


@pytest.fixture
def chromium():
    """A running Chromium (Playwright's Browser), closed after the test."""
    yield from _launch_chromium()


@pytest.fixture
def chromium_with_back_forward_cache():
    """Chromium as people use it: Playwright turns off the back/forward cache by default,
    and with it off the back button always asks the server again, so a test of what the
    back button shows after signing out could not fail. This one keeps the cache."""
    yield from _launch_chromium(ignore_default_args=["--disable-back-forward-cache"])


def _launch_chromium(**options):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (make test installs it).")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # (factories) are still plain synchronous code, so Django's async guard must step aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
            **options,
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test, so fixtures can tell that it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_context(request, chromium, screenshot):
    """Make a fresh browser context (its own cookies: a separate visitor) `width` pixels wide.

    A phone-sized width also gets a phone's touch and device flags, so the layout the test
    sees is the one a reader on a phone gets. When the test fails, every page still open is
    photographed (`failed-…` in the test's screenshot folder) to show where it stopped."""
    contexts = []

    def make(width=1280, height=None, **options):
        phone = width < 600
        context = chromium.new_context(
            viewport={"width": width, "height": height or (844 if phone else 900)},
            is_mobile=phone,
            has_touch=phone,
            **options,
        )
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, context in enumerate(contexts, start=1):
            for page in context.pages:
                with contextlib.suppress(Exception):  # a crashed page has nothing to show
                    screenshot(page, f"failed-context-{number}")


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "step")` saves `.build/screenshots/<test-name>/<NN>-<step>.png`, NN
    counting the test's steps, for a person to look through after the run (never committed)."""
    folder = SCREENSHOTS / re.sub(r"[^\w.\-]+", "-", request.node.name).strip("-")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken = []

    def take(page, step):
        taken.append(step)
        slug = re.sub(r"[^\w\-]+", "-", step).strip("-")
        name = f"{len(taken):02d}-{slug}.png"
        page.screenshot(path=str(folder / name), full_page=True)
        return folder / name

    take.folder = folder
    return take


@pytest.fixture(scope="session")
def site_skeleton_rows(django_db_setup, django_db_blocker):
    """The bilingual skeleton's rows, serialized once per session (building it through
    wagtail-localize takes a minute or two on a loaded machine; reloading its rows, seconds)."""
    with django_db_blocker.unblock():
        ensure_site()
        rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: saving the pages' rows asks for their content types, which would
    # otherwise be created afresh, under new keys, before their own rows are reloaded.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


@pytest.fixture
def live_site(live_server, transactional_db, site_skeleton_rows):
    """The live server's (transactional) database with the bilingual skeleton, reloaded from the
    session's serialized rows instead of being built again after every test's flush: whatever the
    previous test left is flushed first, and the sequences are moved past the reloaded
    primary keys so the test's own rows never collide with them."""
    cache.clear()  # rate-limit counts and cached site roots belong to the previous test
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    # A test before this one may have cached content types under other keys.
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(site_skeleton_rows)
    ContentType.objects.clear_cache()
    models = [model for config in apps.get_app_configs() for model in config.get_models()]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return live_server


@pytest.fixture
def live_search(settings):
    """The real search engine behind the live server, in indexes of this test's own (deleted
    afterwards), so results are exactly what the test published. Fails in CI without an
    engine, skips elsewhere, like the search suite."""
    from opensearchpy import OpenSearch

    from search import engine

    url = os.environ.get("TASHARUK_SEARCH_URL", "")
    try:
        OpenSearch(hosts=[url], timeout=5, max_retries=0).info()
    except Exception as error:  # noqa: BLE001 - any failure means there is no engine to use
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the real search engine at {url!r}: {error}")
        pytest.skip(f"no search engine at {url!r}")
    prefix = f"{settings.TASHARUK_SEARCH['INDEX_PREFIX']}-browser-{uuid.uuid4().hex[:8]}"
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": url, "INDEX_PREFIX": prefix}
    engine.ensure_index()
    yield
    engine.client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


@pytest.fixture
def search_engine(live_site, live_search):
    """The search gateway, answering from the real engine in this test's own indexes."""
    from search import engine

    return engine
