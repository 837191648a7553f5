"""Programs' fixtures: a published bilingual program with weeks, members, mentors."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale

from home.models import HomePage
from library.translations import translate
from programs.models import ProgramIndexPage, ProgramPage, WeekPage

PASSWORD = "a long passphrase 42"
_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def make_member(name=None, **fields):
    name = name or f"member{next(_numbers)}"
    return get_user_model().objects.create_user(username=name, password=PASSWORD, **fields)


def choice_question(question, choices):
    return (
        "choice",
        {"question": question, "choices": [{"text": t, "correct": c} for t, c in choices]},
    )


def short_question(question):
    return ("short_answer", {"question": question, "guidance": "Mentions a threat."})


def program_index():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    index = ProgramIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ProgramIndexPage(title="Training programs", slug="programs")
        )
        index.save_revision().publish()
    return index


def build_program(weeks=4, slug=None, short_answer_weeks=(), arabic=False, **fields):
    """A live program with `weeks` weeks; each week has one two-choice question whose first
    choice is right, plus a short-answer question in `short_answer_weeks` (1-based)."""
    slug = slug or f"program-{next(_numbers)}"
    program = program_index().add_child(
        instance=ProgramPage(
            title=fields.pop("title", "Advocacy tools"),
            slug=slug,
            summary="Four weeks of online advocacy.",
            **fields,
        )
    )
    program.save_revision().publish()
    for number in range(1, weeks + 1):
        assessment = [
            choice_question(f"Question of week {number}?", [("Right", True), ("Wrong", False)])
        ]
        if number in short_answer_weeks:
            assessment.append(short_question(f"Explain week {number}."))
        week = program.add_child(
            instance=WeekPage(
                title=f"Week {number} topic",
                slug=f"week-{number}",
                assessment=assessment,
                pass_mark=100,
            )
        )
        week.save_revision().publish()
    if arabic:
        translate_program(program)
    return ProgramPage.objects.get(pk=program.pk)


def translate_program(program):
    arabic = Locale.objects.get(language_code="ar")
    index = program.get_parent().specific
    if not index.has_translation(arabic):
        translate(index, arabic, fields={"title": "البرامج التدريبية"})
    translate(program, arabic, fields={"title": "أدوات المناصرة", "summary": "أربعة أسابيع"})
    for number, week in enumerate(WeekPage.objects.child_of(program).order_by("path"), start=1):
        translate(
            week,
            arabic,
            fields={"title": f"موضوع الأسبوع {number}"},
            segments={f"Question of week {number}?": f"سؤال الأسبوع {number}؟", "Right": "صحيح"},
        )


def weeks(program):
    return list(WeekPage.objects.child_of(program).live().order_by("path"))


def answer_right(week):
    """POST data answering every question right (short answers with some text)."""
    data = {}
    for block in week.assessment:
        if block.block_type == "choice":
            data[block.id] = [str(i) for i, c in enumerate(block.value["choices"]) if c["correct"]]
        else:
            data[block.id] = "Our office could be watched; we use Signal."
    return data


def answer_wrong(week):
    data = answer_right(week)
    for block in week.assessment:
        if block.block_type == "choice":
            data[block.id] = [
                str(i) for i, c in enumerate(block.value["choices"]) if not c["correct"]
            ]
    return data


@pytest.fixture
def member(db):
    return make_member()


@pytest.fixture
def mentor(db):
    return make_member(display_name="Rania M.", show_display_name=True)


@pytest.fixture
def program(db, mentor):
    program = build_program(weeks=4, short_answer_weeks=(2,))
    program.mentors.add(mentor)
    program.save()  # parental many-to-many relations are written on save
    return program


def enrol(client, program, **data):
    return client.post(f"/en/programs/{program.pk}/enrol/", data)


def submit(client, week, data, lang="en"):
    return client.post(f"/{lang}/programs/weeks/{week.pk}/assessment/", data)


def later(days=1):
    return datetime.timedelta(days=days)


@pytest.fixture
def trainer_client(db):
    """A signed-in editor who passed the second factor (the admin requires it); a client of
    its own, so a test can act as a participant with `client` at the same time."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    trainer = make_member(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=trainer, name="phone", confirmed=True)
    client = Client()
    client.force_login(trainer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
