"""Members suggest a resource's level, time needed and audience; a curator's acceptance puts
them on the page in both languages. Bad values are refused in the member's language."""

import pytest
from django.test import Client

from community.models import Suggestion
from tests.browser.admin_steps import curator_groups

from .proposals import open_form, page_in, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator():
    staff = Client()
    staff_client(staff, curator_groups(), "metadata-curator")
    return staff


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_suggested_level_time_and_audience_reach_both_pages(
    language, member_client, resource, curator
):
    data = open_form(member_client, resource, language)
    data.update(
        level="beginner", time_minutes="45", audience=["journalists"], reason="The course says so"
    )
    response = member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.changes == {
        "level": "beginner",
        "time_minutes": 45,
        "audience": ["journalists"],
    }
    queue = curator.get("/admin/curation/suggestions/").content.decode()
    assert "45" in queue
    curator.post("/admin/curation/suggestions/", {"suggestion": suggestion.pk, "action": "accept"})
    for code in ("en", "ar"):
        page = page_in(resource, code)
        assert (page.level, page.time_minutes, page.audience) == ("beginner", 45, ["journalists"])
    arabic = member_client.get(page_in(resource, "ar").url).content.decode()
    assert "مبتدئ" in arabic and "45 د" in arabic


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("time_minutes", "0", "Ensure this value is greater than or equal to 1."),
        ("level", "expert", "Select a valid choice."),
        ("audience", ["students"], "Select a valid choice."),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_stored(
    member_client, resource, field, value, message
):
    data = open_form(member_client, resource, "en")
    data[field] = value
    response = member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Suggestion.objects.exists()
