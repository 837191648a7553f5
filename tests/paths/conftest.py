"""Learning paths' fixtures: a published path of library resources, in English and Arabic."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale

from home.models import HomePage
from library.models import CategoryPage
from library.translations import translate
from paths.models import LearningPathIndexPage, LearningPathPage
from tests.browser.conftest import (  # noqa: F401 - the real Chromium and the live site
    chromium,
    live_site,
    site_skeleton_rows,
)
from tests.factories import ResourcePageFactory
from tests.trainers.conftest import (  # noqa: F401 - packs in a temp folder, a real site key
    _media,
    minisign_tool,
    signing_key,
)

PASSWORD = "a long passphrase 42"
_numbers = itertools.count()

NOTES = [
    ("Start with a threat model.", "ابدأ بتقييم التهديدات."),
    ("Turn on two-step verification.", "فعّل التحقق بخطوتين."),
    ("Move your chats to Signal.", "انقل محادثاتك إلى سيغنال."),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and the anonymous page cache start empty in every test."""
    cache.clear()
    yield
    cache.clear()


def make_member(name=None, **fields):
    name = name or f"learner{next(_numbers)}"
    return get_user_model().objects.create_user(username=name, password=PASSWORD, **fields)


@pytest.fixture
def curator_client(db):
    """A signed-in editor who passed the second factor (the admin requires it)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    curator = make_member(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    client = Client()
    client.force_login(curator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def path_index():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    index = LearningPathIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=LearningPathIndexPage(title="Learning paths", slug="paths"))
        index.save_revision().publish()
    arabic = Locale.objects.get(language_code="ar")
    if not index.has_translation(arabic):
        translate(index, arabic, fields={"title": "مسارات التعلّم"})
    return index


def build_path(
    title="Start here: digital security for journalists",
    categories=("digital-security",),
    arabic=True,
    resources=None,
):
    """A live path of three resources (one note each), filed under `categories`, translated
    into Arabic when `arabic`. Returns (English path, its resources)."""
    number = next(_numbers)
    resources = resources or [
        ResourcePageFactory(title=f"Path resource {number}-{i}") for i in range(len(NOTES))
    ]
    steps = [
        ("step", {"resource": page, "note": note})
        for page, (note, _ar) in zip(resources, NOTES, strict=False)
    ]
    path = path_index().add_child(
        instance=LearningPathPage(
            title=title,
            slug=f"path-{number}",
            summary="Five steps to safer reporting.",
            steps=steps,
        )
    )
    path.categories.set(
        CategoryPage.objects.filter(locale__language_code="en", slug__in=categories)
    )
    path.save_revision().publish()
    if arabic:
        translate(
            path,
            Locale.objects.get(language_code="ar"),
            fields={
                "title": "ابدأ من هنا: الأمن الرقمي للصحفيين",
                "summary": "خطوات لتقارير أكثر أمانًا.",
            },
            segments=dict(NOTES),
        )
    return LearningPathPage.objects.get(pk=path.pk), resources


def in_language(page, lang):
    return page.get_translation(Locale.objects.get(language_code=lang))


def step_ids(path):
    return [str(block.id) for block in path.steps]
