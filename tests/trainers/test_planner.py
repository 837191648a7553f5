"""The workshop planner over HTTP, in both languages: agendas whose times add up, limits that
lose nothing, reordering without JavaScript and by drag, sharing signed out, copying, PDF."""

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories import ResourcePageFactory
from trainers.models import Agenda, AgendaItem, AgendaResource

from .conftest import arabic_resource, make_member

pytestmark = pytest.mark.django_db

LANGS = ["en", "ar"]


def create_agenda(client, lang, title="Digital safety day", language="en", start="09:00"):
    response = client.post(
        f"/{lang}/workshops/", {"title": title, "language": language, "starts_at": start}
    )
    assert response.status_code == 302
    return Agenda.objects.latest("pk")


def add(client, lang, agenda, title, minutes, kind="session", notes=""):
    return client.post(
        f"/{lang}/workshops/{agenda.pk}/items/",
        {"kind": kind, "title": title, "minutes": minutes, "notes": notes},
    )


@pytest.mark.parametrize("lang", LANGS)
def test_sessions_and_breaks_add_up_from_the_start_time(client, trainer, lang):
    client.force_login(trainer)
    agenda = create_agenda(client, lang, start="09:30")
    assert add(client, lang, agenda, "Threat modelling", 90).status_code == 302
    assert add(client, lang, agenda, "", 15, kind="break").status_code == 302
    assert add(client, lang, agenda, "Secure messaging", 75).status_code == 302
    page = client.get(f"/{lang}/workshops/{agenda.pk}/").content.decode()
    assert "09:30–11:00" in page
    assert "11:00–11:15" in page
    assert "11:15–12:30" in page
    assert "3 h 00 min" in page or "3 س 00 د" in page


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "An agenda can last 24 hours at most"),
        ("ar", "لا يمكن أن تتجاوز مدة البرنامج 24 ساعة"),
    ],
)
def test_an_agenda_over_a_day_is_refused_and_nothing_typed_is_lost(client, trainer, lang, message):
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Morning", 20 * 60)
    response = add(client, lang, agenda, "The long night", 5 * 60, notes="Bring laptops")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "The long night" in page and "Bring laptops" in page  # the form keeps what was typed
    assert list(agenda.items.values_list("title", flat=True)) == ["Morning"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "A duration must be a positive number of minutes."),
        ("ar", "يجب أن تكون المدة عددًا موجبًا من الدقائق."),
    ],
)
def test_a_negative_duration_gets_a_clear_message(client, trainer, lang, message):
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    response = add(client, lang, agenda, "Backwards session", -30)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Backwards session" in response.content.decode()
    assert not agenda.items.exists()
    item = AgendaItem.objects.create(agenda=agenda, title="Real", minutes=30)
    response = client.post(f"/{lang}/workshops/items/{item.pk}/", {"title": "Real", "minutes": -5})
    assert message in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == 30


@pytest.mark.parametrize("lang", LANGS)
def test_reorder_with_buttons_and_by_drag(client, trainer, lang):
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    for title in ("First", "Second", "Third"):
        add(client, lang, agenda, title, 30)
    third = agenda.items.get(title="Third")
    client.post(f"/{lang}/workshops/items/{third.pk}/move/", {"action": "up"})
    assert [i.title for i in agenda.items.all()] == ["First", "Third", "Second"]
    page = client.get(f"/{lang}/workshops/{agenda.pk}/").content.decode()
    assert page.index("09:30–10:00") < page.index("Third") < page.index("10:00–10:30")

    ids = [str(agenda.items.get(title=t).pk) for t in ("Second", "First", "Third")]
    response = client.post(
        f"/{lang}/workshops/{agenda.pk}/order/", json.dumps(ids), content_type="application/json"
    )
    assert response.status_code == 200
    assert [i.title for i in agenda.items.all()] == ["Second", "First", "Third"]
    bad = client.post(
        f"/{lang}/workshops/{agenda.pk}/order/", "not json", content_type="application/json"
    )
    assert bad.status_code == 400


@pytest.mark.parametrize("lang", LANGS)
def test_nobody_else_can_read_or_change_a_private_agenda(client, trainer, lang):
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Secret plan", 30)
    item = agenda.items.get()
    client.force_login(make_member())
    assert client.get(f"/{lang}/workshops/{agenda.pk}/").status_code == 404
    assert client.get(f"/{lang}/workshops/{agenda.pk}/pdf/").status_code == 404
    assert (
        client.post(f"/{lang}/workshops/items/{item.pk}/move/", {"action": "remove"}).status_code
        == 404
    )
    assert client.post(f"/{lang}/workshops/{agenda.pk}/share/").status_code == 404
    assert agenda.items.exists()
    client.logout()
    assert client.get(f"/{lang}/workshops/{agenda.pk}/").status_code == 302  # to sign in


@pytest.mark.parametrize("lang", LANGS)
def test_resources_by_search_and_by_address_and_unpublished_ones_shown_not_failing(
    client, trainer, lang
):
    resource = ResourcePageFactory(title="Encrypting phones")
    other = ResourcePageFactory(title="Safe browsing")
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Phones", 45)
    item = agenda.items.get()
    found = client.get(f"/en/workshops/items/{item.pk}/?q=encrypting").content.decode()
    assert "Encrypting phones" in found
    client.post(f"/{lang}/workshops/items/{item.pk}/resources/", {"key": resource.translation_key})
    client.post(
        f"/{lang}/workshops/items/{item.pk}/resources/", {"url": f"https://x.example{other.url}"}
    )
    assert AgendaResource.objects.filter(item=item).count() == 2
    other.unpublish()
    client.get(f"/{lang}/workshops/")  # shows (and so clears) the "added" notices
    page = client.get(f"/{lang}/workshops/{agenda.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Safe browsing" not in text
    assert ("no longer available" in text) or ("لم يعد متاحًا" in text)
    assert client.get(f"/{lang}/workshops/{agenda.pk}/pdf/").status_code == 200


@pytest.mark.parametrize("lang", LANGS)
def test_shared_link_readable_signed_out_without_naming_the_member(client, trainer, lang):
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Opening circle", 30)
    client.post(f"/{lang}/workshops/{agenda.pk}/share/", {"action": "share"})
    agenda.refresh_from_db()
    assert len(agenda.share_token) >= 32
    client.logout()
    page = client.get(f"/{lang}/workshops/shared/{agenda.share_token}/").content.decode()
    assert "Opening circle" in page
    assert trainer.username not in page
    # One character changed (never to itself: a token may end in "x").
    wrong = agenda.share_token[:-1] + ("y" if agenda.share_token.endswith("x") else "x")
    assert client.get(f"/{lang}/workshops/shared/{wrong}/").status_code == 404

    agenda.show_author = True
    agenda.save()
    assert (
        trainer.username
        in client.get(f"/{lang}/workshops/shared/{agenda.share_token}/").content.decode()
    )

    client.force_login(trainer)
    token = agenda.share_token
    client.post(f"/{lang}/workshops/{agenda.pk}/share/", {"action": "stop"})
    client.logout()
    assert client.get(f"/{lang}/workshops/shared/{token}/").status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_a_colleague_copies_a_shared_agenda_into_their_own(client, trainer, lang):
    resource = ResourcePageFactory()
    client.force_login(trainer)
    agenda = create_agenda(client, lang)
    add(client, lang, agenda, "Passwords", 40, notes="Use the workbook")
    AgendaResource.objects.create(item=agenda.items.get(), translation_key=resource.translation_key)
    client.post(f"/{lang}/workshops/{agenda.pk}/share/", {"action": "share"})
    agenda.refresh_from_db()
    client.logout()
    response = client.post(f"/{lang}/workshops/shared/{agenda.share_token}/copy/")
    assert response.status_code == 302 and "login" in response["Location"]
    colleague = make_member()
    client.force_login(colleague)
    response = client.post(f"/{lang}/workshops/shared/{agenda.share_token}/copy/")
    copy = Agenda.objects.get(owner=colleague)
    assert response["Location"] == f"/{lang}/workshops/{copy.pk}/"
    item = copy.items.get()
    assert (item.title, item.minutes, item.notes) == ("Passwords", 40, "Use the workbook")
    assert item.resources.get().translation_key == resource.translation_key
    assert copy.share_token is None
    add(client, lang, copy, "Only mine", 10)
    assert agenda.items.count() == 1


def _pdf_text(response):
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_arabic_agenda_pdf_reads_in_logical_order(client, trainer, lang):
    resource = arabic_resource()
    client.force_login(trainer)
    agenda = create_agenda(client, lang, title="ورشة الأمان الرقمي", language="ar", start="10:00")
    add(client, lang, agenda, "نمذجة التهديدات", 60, notes="ابدأ بأسئلة المشاركين")
    AgendaResource.objects.create(item=agenda.items.get(), translation_key=resource.translation_key)
    text = _pdf_text(client.get(f"/{lang}/workshops/{agenda.pk}/pdf/"))
    for phrase in (
        "ورشة الأمان الرقمي",
        "نمذجة التهديدات",
        "ابدأ بأسئلة المشاركين",
        "دليل الأمان الرقمي للصحفيين",
    ):
        assert phrase in text, text
    # Logical order: the title comes before the session, the session before its resource.
    assert (
        text.index("ورشة الأمان الرقمي")
        < text.index("نمذجة التهديدات")
        < text.index("دليل الأمان الرقمي")
    )
    assert "10:00" in text and "11:00" in text


def test_print_stylesheet_hides_the_controls(client, trainer):
    client.force_login(trainer)
    agenda = create_agenda(client, "en")
    page = client.get(f"/en/workshops/{agenda.pk}/").content.decode()
    assert "trainers/planner.css" in page
    from django.contrib.staticfiles import finders

    css = Path(finders.find("trainers/planner.css")).read_text(encoding="utf-8")
    assert "@media print" in css and ".agenda-item__actions" in css
