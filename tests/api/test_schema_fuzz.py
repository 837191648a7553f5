"""A property-based run of the whole open API from its own OpenAPI document (schemathesis):
whatever well-typed request a client builds from the schema, the answer is no server error,
a status code the schema lists and a body that matches the schema."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from community.models import Collection, CollectionItem
from tests.factories import ResourcePageFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


def no_server_error(ctx, response, case):
    """No 5xx, except oEmbed's 501 for a format it does not provide (what the oEmbed
    specification asks of a provider, and what the schema documents)."""
    oembed_501 = response.status_code == 501 and case.path == "/api/v1/oembed/"
    assert response.status_code < 500 or oembed_501, (
        f"{response.status_code} from {case.method} {case.formatted_path}"
    )


CHECKS = [
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def content(db, django_user_model, settings, arabic):
    """A small library: translated and untranslated resources, a public and a private list."""
    from library.translations import translate

    settings.TASHARUK_MEMBERS = {
        **settings.TASHARUK_MEMBERS,
        "RATE_LIMITS": {"open_api": (100_000, 60)},
    }
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # database search
    cache.clear()
    owner = django_user_model.objects.create_user(
        username="reader", password="x" * 12, show_collections=True
    )
    pages = [ResourcePageFactory(title=f"Guide {n}", slug=f"guide-{n}") for n in range(3)]
    translate(pages[0], arabic, fields={"title": "دليل"})
    for public in (True, False):
        collection = Collection.objects.create(owner=owner, name="List", is_public=public)
        CollectionItem.objects.create(
            collection=collection, translation_key=pages[0].translation_key
        )
    # Like Django's test client: the WSGI app must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    cache.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_own_schema(case, content):
    # The WSGI transport hands back the body as sent and, unlike an HTTP client, does not undo
    # gzip: ask for it uncompressed (compression itself is tested in tests/pages).
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
