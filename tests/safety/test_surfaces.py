"""A tool marked unsafe shows its warning, in the reader's language, on every public surface."""

import pytest

from .conftest import NOTE_AR, NOTE_EN, warnings_in

pytestmark = pytest.mark.django_db

LANGUAGES = [
    ("en", NOTE_EN, "unsafe", "Safe Messenger"),
    ("ar", NOTE_AR, "غير آمنة", "المراسل الآمن"),
]


@pytest.mark.parametrize(("language", "note", "label", "alternative_title"), LANGUAGES)
def test_resource_page_shows_the_warning_first_to_a_signed_out_reader(
    client, unsafe_tool, language, note, label, alternative_title
):
    response = client.get(f"/{language}/library/leaky-chat/")
    assert response.status_code == 200
    (box,) = warnings_in(response)
    assert note in box.text
    assert label in box.text
    link = box.select_one(".tool-warning__alternative a")
    assert link.text == alternative_title
    assert link["href"].startswith(f"/{language}/library/safe-messenger")


def test_resource_without_a_status_shows_no_warning(client, tool):
    assert warnings_in(client.get("/en/library/leaky-chat/")) == []
