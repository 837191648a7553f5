"""Browser tests drive the machine's real Chromium (Debian's package) through Playwright."""

import os
import shutil

import pytest

from sitebuild.site_structure import ensure_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page():
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
        )
        page = browser.new_page()
        yield page
        browser.close()


@pytest.fixture
def live_site(live_server):
    """The live server's (transactional) database gets its own copy of the skeleton."""
    ensure_site()
    return live_server


@pytest.fixture
def search_engine(live_site):
    """The real search engine behind the live site, its index emptied of earlier tests' pages
    (their rows are gone with the flushed database). Skips without an engine, fails in CI."""
    from django.conf import settings
    from opensearchpy import OpenSearch

    from search import engine

    url = settings.TASHARUK_SEARCH.get("URL")
    problem = None if url else "TASHARUK_SEARCH_URL is not set"
    if url:
        try:
            OpenSearch(hosts=[url], timeout=5, max_retries=0).info()
        except Exception as error:  # noqa: BLE001
            problem = f"search engine at {url} unreachable: {error}"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the real search engine: {problem}")
        pytest.skip(problem)
    engine.ensure_index()
    engine.client().delete_by_query(
        index=engine.alias_name(), body={"query": {"match_all": {}}}, refresh=True
    )
    return engine


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test (and
    save a screenshot of where it stopped)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report
