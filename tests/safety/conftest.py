"""One tool marked unsafe, with a safer alternative, in both languages: what every warning
surface test starts from."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache

from library.translations import translate
from safety.statuses import set_status
from tests.factories import ResourcePageFactory

NOTE_EN = "The vendor's servers were seized; messages can be read."
NOTE_AR = "صودرت خوادم الشركة؛ يمكن قراءة الرسائل."


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def warnings_in(response):
    """The warning boxes of a page (each `aside.tool-warning`)."""
    return soup(response).select("aside.tool-warning")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_superuser("curator", password="a long passphrase 42")


@pytest.fixture
def alternative(arabic):
    page = ResourcePageFactory(title="Safe Messenger", slug="safe-messenger")
    translate(page, arabic, fields={"title": "المراسل الآمن", "summary": "تطبيق آمن"})
    return page


@pytest.fixture
def tool(arabic):
    page = ResourcePageFactory(
        title="Leaky Chat", slug="leaky-chat", summary="A chat app for organisers."
    )
    translate(page, arabic, fields={"title": "الدردشة المسربة", "summary": "تطبيق دردشة للمنظمين"})
    return page


@pytest.fixture
def unsafe_tool(tool, alternative, curator):
    set_status(
        tool,
        "unsafe",
        note_en=NOTE_EN,
        note_ar=NOTE_AR,
        alternative=alternative,
        by=curator,
    )
    return tool
