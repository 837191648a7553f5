"""Deployment tests' fixtures: a committed copy of the bilingual site that programs outside
this process (pg_dump, gunicorn) can see."""

import os

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.browser.conftest import site_skeleton_rows  # noqa: F401 - the fixture, shared


@pytest.fixture
def committed_site(transactional_db, site_skeleton_rows):  # noqa: F811
    """The test database holding only the bilingual skeleton, committed (a transactional test:
    what the test writes is committed too). As tests/browser's live_site, without its server."""
    cache.clear()
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(site_skeleton_rows)
    ContentType.objects.clear_cache()
    models = [model for config in apps.get_app_configs() for model in config.get_models()]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic's output with production storage (whitenoise's manifest and compressed
    copies), once per session: production settings render no page without the manifest."""
    from .services import manage, production_environment

    root = tmp_path_factory.mktemp("static")
    env = production_environment(os.environ["DATABASE_URL"], TASHARUK_STATIC_ROOT=str(root))
    manage(env, "collectstatic", "--noinput", "--verbosity=0")
    return root
