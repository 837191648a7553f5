"""Members' fixtures: signed-in members and a published bilingual resource."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from library.translations import translate
from tests.browser.admin_steps import curator_groups, translator_groups
from tests.factories import ResourcePageFactory

from .proposals import staff_client

_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def make_member(name=None):
    name = name or f"member{next(_numbers)}"
    return get_user_model().objects.create_user(username=name, password="a long passphrase 42")


@pytest.fixture
def member(db):
    return make_member()


@pytest.fixture
def other_member(db):
    return make_member()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def resource(db, arabic):
    page = ResourcePageFactory(title="Holistic Security Manual", slug="holistic-security-manual")
    translate(page, arabic, fields={"title": "دليل الأمن الشامل", "summary": "دليل"})
    return page


@pytest.fixture
def curator_client(client, db):
    from django.test import Client

    staff = Client()
    staff_client(staff, curator_groups(), "curator1")
    return staff


@pytest.fixture
def translator_client(db):
    from django.test import Client

    staff = Client()
    staff_client(staff, translator_groups(), "translator1")
    return staff
