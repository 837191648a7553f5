"""Security fixtures: the curation admin's staff as the issue 21 probe met them (a translator with
only the translation tools, a superuser) and a resource in both languages."""

import pytest
from django.contrib.auth import get_user_model

from library.models import ResourcePage
from library.translations import translate
from tests.factories import ResourcePageFactory

from .curation_probe import translators_group


@pytest.fixture
def translator(db):
    user = get_user_model().objects.create_user("translator", password="a long passphrase 42")
    user.groups.add(translators_group())
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("curator", password="a long passphrase 42")


@pytest.fixture
def bilingual(arabic):
    page = ResourcePageFactory(title="Holistic Security", summary="A manual for activists.")
    translate(page, arabic, fields={"title": "الأمن الشامل", "summary": "دليل للناشطين."})
    return ResourcePage.objects.get(pk=page.pk)
