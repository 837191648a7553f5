"""The planner shows what a resource says it takes when a trainer adds it to a session."""

import pytest

from tests.factories import ResourcePageFactory

from .test_planner import add, create_agenda

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang, says",
    [
        ("en", "The resource says it takes 1 h 30 min; this session lasts 45 min."),
        ("ar", "يذكر المورد أنه يستغرق 1 س 30 د؛ ومدة هذه الجلسة 45 د."),
    ],
)
def test_adding_a_resource_shows_its_time_needed(client, trainer, lang, says):
    timed = ResourcePageFactory(title="Encrypting phones", time_minutes=90)
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Phones", 45)
    item = agenda.items.get()
    response = client.post(
        f"/{lang}/workshops/items/{item.pk}/resources/",
        {"key": timed.translation_key},
        follow=True,
    )
    text = response.content.decode()
    assert says in text
    # The session's resource list shows it too, beside the title.
    assert "(1 h 30 min)" in text or "(1 س 30 د)" in text


def test_a_resource_without_a_stated_time_adds_no_notice(client, trainer):
    untimed = ResourcePageFactory(title="Safe browsing")
    client.force_login(trainer)
    agenda = create_agenda(client, "en")
    add(client, "en", agenda, "Browsing", 30)
    item = agenda.items.get()
    response = client.post(
        f"/en/workshops/items/{item.pk}/resources/", {"key": untimed.translation_key}, follow=True
    )
    assert "says it takes" not in response.content.decode()
