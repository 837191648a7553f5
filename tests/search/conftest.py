"""Search fixtures: a per-session index prefix on the real engine, and one fixture per backend.

Engine tests skip when TASHARUK_SEARCH_URL is unset or unreachable, except in CI (CI set),
where that is a failure: CI must prove search against the real engine.
"""

import contextlib
import json
import os
import uuid

import pytest
from django.conf import settings as django_settings
from opensearchpy import OpenSearch

from library.models import LibraryIndexPage
from search import engine, indexing, synonyms
from tests.factories import ResourcePageFactory

ENGINE_URL = os.environ.get("TASHARUK_SEARCH_URL", "")


@pytest.fixture(scope="session")
def engine_url(request):
    """The engine's URL, after logging its name and version; skip (or fail in CI) without one."""
    problem = None
    if not ENGINE_URL:
        problem = "TASHARUK_SEARCH_URL is not set"
    else:
        try:
            info = OpenSearch(hosts=[ENGINE_URL], timeout=5, max_retries=0).info()
        except Exception as error:  # noqa: BLE001
            problem = f"search engine at {ENGINE_URL} unreachable: {error}"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the real search engine: {problem}")
        pytest.skip(problem)
    version = info["version"]
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    line = f"search engine: {version.get('distribution', 'elasticsearch')} {version['number']}"
    if reporter:
        reporter.write_line(line)
    return ENGINE_URL


@pytest.fixture(scope="session", autouse=True)
def _session_index_prefix():
    """Indexes of this test session carry their own prefix, and are deleted afterwards."""
    original = django_settings.TASHARUK_SEARCH
    prefix = f"{original['INDEX_PREFIX']}-{uuid.uuid4().hex[:8]}"
    django_settings.TASHARUK_SEARCH = {**original, "INDEX_PREFIX": prefix}
    yield prefix
    django_settings.TASHARUK_SEARCH = original
    if ENGINE_URL:
        with contextlib.suppress(Exception):  # nothing to clean when the engine is gone
            OpenSearch(hosts=[ENGINE_URL], max_retries=0).indices.delete(
                index=f"{prefix}-*", ignore_unavailable=True
            )


@pytest.fixture
def engine_backend(settings, engine_url, db):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": engine_url}
    engine.ensure_index()
    # An index built for another test's vocabulary would still expand its terms.
    synonyms.refresh()
    engine.client().delete_by_query(
        index=engine.alias_name(), body={"query": {"match_all": {}}}, refresh=True
    )
    return "engine"


@pytest.fixture
def database_backend(settings, db):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    return "database"


def make_resource(title, summary="", body="", locale="en", rating=None, **fields):
    """A live resource in `locale` with optional body text and (count, average) rating."""
    if locale != "en":
        fields["parent"] = LibraryIndexPage.objects.get(locale__language_code=locale)
    if body:
        fields["details"] = json.dumps([{"type": "text", "value": f"<p>{body}</p>"}])
    if rating:
        count, average = rating
        fields.update(
            rating_count=count,
            rating_sum=round(count * average),
            rating_average=average,
            rating_bayesian=(5 * 3.0 + count * average) / (5 + count),
        )
    return ResourcePageFactory(title=title, summary=summary, **fields)


def index(*pages):
    """Index pages now (tests run inside a transaction, so after-commit hooks do not fire)."""
    indexing.update({page.translation_key for page in pages})
    if engine.configured():
        engine.refresh()
