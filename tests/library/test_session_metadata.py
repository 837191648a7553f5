"""Session metadata on resources (level, time needed, audience, prerequisites, safety note):
what the editor refuses, what the import contract takes and reports, what the curators' admin
edits over HTTP, and the block readers see on the page in English and Arabic."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from library.importer import import_lines
from library.models import ResourcePage
from library.services import find_resource_by_url
from library.translations import translate
from tests.browser.admin_steps import curator_groups, make_staff
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def prerequisites(*pages):
    return [("resource", page) for page in pages]


def in_language(page, code):
    return ResourcePage.objects.get(
        translation_key=page.translation_key, locale__language_code=code
    )


# --- The model ---------------------------------------------------------------------------------


def test_a_resource_cannot_be_its_own_prerequisite():
    page = ResourcePageFactory(title="Threat modelling")
    page.prerequisites = prerequisites(page)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "cannot be its own prerequisite" in str(error.value)


def test_its_own_translation_is_not_a_prerequisite_either(arabic):
    page = ResourcePageFactory(title="Threat modelling")
    translated = translate(page, arabic, fields={"title": "نمذجة التهديدات"})
    translated.prerequisites = prerequisites(page)
    with pytest.raises(ValidationError):
        translated.full_clean()


@pytest.mark.parametrize(
    "field, value",
    [("time_minutes", 0), ("level", "expert"), ("audience", ["students"])],
)
def test_values_outside_the_vocabulary_are_refused(field, value):
    page = ResourcePageFactory(title="A guide")
    setattr(page, field, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field in error.value.message_dict


def test_choice_and_number_fields_follow_the_source_into_the_translation(arabic):
    page = ResourcePageFactory(title="Secure messaging", level="beginner", time_minutes=90)
    page.audience = ["journalists"]
    page.save_revision().publish()
    translated = translate(page, arabic, fields={"title": "المراسلة الآمنة"})
    assert (translated.level, translated.time_minutes, translated.audience) == (
        "beginner",
        90,
        ["journalists"],
    )


# --- The page ----------------------------------------------------------------------------------


@pytest.fixture
def workshop(arabic):
    """A resource with every field, an Arabic translation of its safety note, and three
    prerequisites: one listed, one unpublished, one behind a view restriction."""
    basics = ResourcePageFactory(title="Security basics", slug="security-basics")
    translate(basics, arabic, fields={"title": "أساسيات الأمن"})
    draft = ResourcePageFactory(title="Draft prerequisite", slug="draft-prerequisite")
    draft.unpublish()
    private = ResourcePageFactory(title="Private prerequisite", slug="private-prerequisite")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    page = ResourcePageFactory(
        title="Circumvention tools",
        slug="circumvention-tools",
        level="intermediate",
        time_minutes=90,
        audience=["journalists", "activists"],
        prerequisites=prerequisites(basics, draft, private),
        safety_note="Using this tool is a crime in some countries.",
    )
    translate(
        page,
        arabic,
        fields={
            "title": "أدوات تجاوز الحجب",
            "safety_note": "استخدام هذه الأداة جريمة في بعض البلدان.",
        },
    )
    return page


def block_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return html.select_one(".safety-note"), html.select_one(".session-metadata")


def test_the_english_page_shows_the_block_and_only_listed_prerequisites(client, workshop):
    note, block = block_of(client, in_language(workshop, "en"))
    assert "Using this tool is a crime in some countries." in note.text
    text = " ".join(block.text.split())
    assert "Intermediate" in text and "1 h 30 min" in text
    assert "Journalists · Activists" in text
    links = [(a.text, a["href"]) for a in block.select(".prerequisites a")]
    assert links == [("Security basics", "/en/library/security-basics/")]
    assert "Draft prerequisite" not in text and "Private prerequisite" not in text


def test_the_arabic_page_shows_the_arabic_safety_note_and_labels(client, workshop):
    note, block = block_of(client, in_language(workshop, "ar"))
    assert "استخدام هذه الأداة جريمة في بعض البلدان." in note.text
    assert "Using this tool" not in note.text
    text = " ".join(block.text.split())
    assert "متوسط" in text and "1 س 30 د" in text
    assert "الصحفيون · الناشطون" in text
    links = [a.text for a in block.select(".prerequisites a")]
    assert links == ["أساسيات الأمن"]


def test_a_resource_without_metadata_shows_no_empty_block(client):
    page = ResourcePageFactory(title="Plain guide")
    note, block = block_of(client, page)
    assert note is None and block is None


# --- The import contract -----------------------------------------------------------------------


def line(**fields):
    data = {"url": "https://example.org/course/", "title": {"en": "A course"}, **fields}
    return json.dumps(data, ensure_ascii=False)


def test_import_takes_session_metadata_and_the_arabic_safety_note(client):
    first = line(url="https://example.org/basics/", title={"en": "Basics", "ar": "الأساسيات"})
    second = line(
        title={"en": "Advanced course", "ar": "دورة متقدمة"},
        level="advanced",
        time_minutes=120,
        audience=["trainers", "civil-society"],
        prerequisites=["https://example.org/basics/"],
        safety_note={"en": "Blocked in some countries.", "ar": "محجوبة في بعض البلدان."},
    )
    report = import_lines([first, second])
    assert report.errors == [] and report.created == 2
    page = find_resource_by_url("https://example.org/course/")
    assert (page.level, page.time_minutes, page.audience) == (
        "advanced",
        120,
        ["trainers", "civil-society"],
    )
    assert [block.value.title for block in page.prerequisites] == ["Basics"]
    arabic = in_language(page, "ar")
    assert arabic.safety_note == "محجوبة في بعض البلدان."
    assert arabic.time_minutes == 120
    assert "محجوبة في بعض البلدان." in client.get(arabic.url).content.decode()


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"level": "expert"}, "level"),
        ({"time_minutes": 0}, "time_minutes"),
        ({"time_minutes": "two hours"}, "time_minutes"),
        ({"time_minutes": True}, "time_minutes"),
        ({"audience": ["students"]}, "audience"),
        ({"audience": "journalists"}, "audience"),
        ({"prerequisites": ["https://example.org/not-imported/"]}, "not in the library"),
        ({"prerequisites": ["javascript:alert(1)"]}, "prerequisites"),
        ({"safety_note": "not an object"}, "safety_note"),
    ],
)
def test_a_bad_value_is_reported_with_its_line_and_the_rest_imports(fields, reason):
    good = line(url="https://example.org/good/", level="beginner", time_minutes=30)
    bad = line(url="https://example.org/bad/", **fields)
    with translation.override("en"):
        report = import_lines([good, bad])
    assert report.created == 1
    assert len(report.errors) == 1
    number, message = report.errors[0]
    assert number == 2 and reason in message
    assert find_resource_by_url("https://example.org/good/").time_minutes == 30
    assert find_resource_by_url("https://example.org/bad/") is None


def test_an_import_cannot_make_a_resource_its_own_prerequisite():
    import_lines([line()])
    with translation.override("en"):
        report = import_lines([line(prerequisites=["https://example.org/course/"])])
    assert report.errors and "own prerequisite" in report.errors[0][1]
    with translation.override("ar"):
        report = import_lines([line(prerequisites=["https://example.org/course/"])])
    assert "لا يمكن أن يكون المورد متطلبًا سابقًا لنفسه" in report.errors[0][1]


# --- The admin ---------------------------------------------------------------------------------


@pytest.fixture
def curator(db):
    staff = Client()
    user, device = make_staff("metadata-curator", curator_groups())
    staff.force_login(user)
    session = staff.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return staff


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "summary": page.summary,
        "source_url": page.source_url,
        "media_format": page.media_format,
        "languages": page.languages,
        "regions": page.regions,
        "license": page.license,
        "license_evidence": "",
        "tags": "",
        "author": "",
        "publisher": "",
        "year": "",
        "level": "",
        "time_minutes": "",
        "audience": [],
        "prerequisites": streamfield([]),
        "safety_note": "",
        "last_reviewed": "",
        "details": streamfield([]),
        "action-publish": "publish",
        **changes,
    }
    lists = {key: data.pop(key) for key in list(data) if isinstance(data[key], list)}
    form = nested_form_data(data)
    form.update(lists)
    return form


def test_a_curator_sets_session_metadata_in_the_admin(curator, client):
    basics = ResourcePageFactory(title="Security basics")
    page = ResourcePageFactory(title="Phone safety")
    edit = curator.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="time_minutes"' in edit and 'name="safety_note"' in edit
    response = curator.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(
            page,
            level="beginner",
            time_minutes="45",
            audience=["general-public"],
            prerequisites=streamfield([("resource", basics.pk)]),
            safety_note="Police check phones at some borders.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert (page.level, page.time_minutes, page.audience) == ("beginner", 45, ["general-public"])
    shown = client.get(page.url).content.decode()
    assert "Police check phones at some borders." in shown and "45 min" in shown


@pytest.mark.parametrize("minutes", ["0", "-5", "ninety"])
def test_the_admin_refuses_a_bad_time_and_keeps_the_page(curator, minutes):
    page = ResourcePageFactory(title="Phone safety", time_minutes=30)
    response = curator.post(f"/admin/pages/{page.pk}/edit/", edit_form(page, time_minutes=minutes))
    assert response.status_code == 200  # the form again, with the error
    assert 'id="id_time_minutes"' in response.content.decode()
    page.refresh_from_db()
    assert page.time_minutes == 30


def test_the_admin_refuses_a_page_as_its_own_prerequisite(curator):
    page = ResourcePageFactory(title="Phone safety")
    response = curator.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(page, prerequisites=streamfield([("resource", page.pk)])),
    )
    assert response.status_code == 200
    # The curators' admin speaks Arabic here (the staff member's language); the StreamField
    # carries its errors as JSON for its script, so the message may come \u-escaped.
    message = "لا يمكن أن يكون المورد متطلبًا سابقًا لنفسه"
    html = response.content.decode()
    assert message in html or json.dumps(message)[1:-1] in html
    page.refresh_from_db()
    assert len(page.prerequisites) == 0
