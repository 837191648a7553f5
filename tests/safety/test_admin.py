"""Curators set a tool's status in the Wagtail admin; bad input is refused with a clear message
in the curator's admin language, and nothing is saved; the history stays listed."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from safety.models import ToolStatus

from .conftest import NOTE_AR, NOTE_EN, soup

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/safety/toolstatus/add/"


def admin_session(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def form_data(tool, **changes):
    data = {
        "resource": tool.pk,
        "status": "unsafe",
        "noted_on": "2026-12-01",
        "note_en": NOTE_EN,
        "note_ar": NOTE_AR,
        "alternative": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def errors(response):
    return " ".join(
        error.text for error in soup(response).select(".error-message, .w-field__errors")
    )


def test_curator_marks_a_tool_unsafe_with_an_alternative_and_is_recorded(
    client, curator, tool, alternative
):
    admin_session(client, curator, "ar")
    response = client.post(ADD, form_data(tool, alternative=alternative.pk))
    assert response.status_code == 302
    status = ToolStatus.objects.get()
    assert status.set_by == curator
    assert status.translation_key == tool.translation_key
    assert status.alternative == alternative
    # The history is listed for curators, newest first.
    listing = client.get("/admin/snippets/safety/toolstatus/")
    assert "Leaky Chat" in listing.content.decode()


@pytest.mark.parametrize(
    ("language", "missing", "message"),
    [
        ("en", "note_en", "Write the note in English"),
        ("ar", "note_en", "اكتب الملاحظة بالإنجليزية"),
        ("en", "note_ar", "Write the note in Arabic"),
        ("ar", "note_ar", "اكتب الملاحظة بالعربية"),
    ],
)
def test_a_status_without_a_note_is_refused(client, curator, tool, language, missing, message):
    admin_session(client, curator, language)
    response = client.post(ADD, form_data(tool, **{missing: ""}))
    assert response.status_code == 200
    assert message in errors(response)
    assert not ToolStatus.objects.exists()
    # What the curator typed is kept in the form.
    other = "note_ar" if missing == "note_en" else "note_en"
    kept = soup(response).select_one(f'textarea[name="{other}"]').text.strip()
    assert kept == (NOTE_AR if other == "note_ar" else NOTE_EN)


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "is itself marked unsafe"), ("ar", "هذا البديل نفسه موسوم بأنه غير آمن")],
)
def test_an_alternative_that_is_itself_unsafe_is_refused(
    client, curator, tool, alternative, language, message
):
    from safety.statuses import set_status

    set_status(alternative, "unsafe", note_en="Broken.", note_ar="معطوب.", by=curator)
    admin_session(client, curator, language)
    response = client.post(ADD, form_data(tool, alternative=alternative.pk))
    assert response.status_code == 200
    assert message in errors(response)
    assert ToolStatus.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "not a country of the regions vocabulary"), ("ar", "ليس بلدًا من مفردات المناطق")],
)
def test_a_country_outside_the_vocabulary_is_refused(client, curator, tool, language, message):
    admin_session(client, curator, language)
    for country in ("zz", "mena"):
        response = client.post(
            ADD, {**form_data(tool, status="blocked_in"), "countries": ["ir", country]}
        )
        assert response.status_code == 200
        assert message in errors(response)
    assert not ToolStatus.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose the countries"), ("ar", "اختر البلدان التي حُجبت فيها الأداة")],
)
def test_blocked_in_needs_countries(client, curator, tool, language, message):
    admin_session(client, curator, language)
    response = client.post(ADD, form_data(tool, status="blocked_in"))
    assert message in errors(response)
    assert not ToolStatus.objects.exists()


def test_blocked_in_names_the_countries_to_readers_in_their_language(client, curator, tool):
    admin_session(client, curator, "en")
    response = client.post(ADD, {**form_data(tool, status="blocked_in"), "countries": ["ir", "eg"]})
    assert response.status_code == 302
    client.logout()
    english = soup(client.get("/en/library/leaky-chat/")).select_one(".tool-warning__countries")
    arabic = soup(client.get("/ar/library/leaky-chat/")).select_one(".tool-warning__countries")
    assert "Iran" in english.text and "Egypt" in english.text
    assert "إيران" in arabic.text and "مصر" in arabic.text


def test_a_member_without_the_permission_cannot_set_a_status(client, tool):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.create_user("member", password="a long passphrase 42")
    client.force_login(member)
    response = client.post(ADD, form_data(tool))
    assert response.status_code in (302, 403)
    assert not ToolStatus.objects.exists()


def test_clearing_a_status_removes_the_warning_everywhere(client, curator, unsafe_tool):
    from safety.statuses import set_status

    assert soup(client.get("/en/library/leaky-chat/")).select("aside.tool-warning")
    set_status(unsafe_tool, "cleared", note_en="Fixed in 2.0.", note_ar="أُصلح في 2.0.", by=curator)
    assert not soup(client.get("/en/library/leaky-chat/")).select("aside.tool-warning")
    assert ToolStatus.objects.filter(translation_key=unsafe_tool.translation_key).count() == 2
