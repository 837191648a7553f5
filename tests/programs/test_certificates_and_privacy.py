"""Certificates only after every week, verifiable by an unguessable link and as a PDF in both
languages; the member's program data in their export and deletion; statistics for trainers."""

import json

import pytest
from wagtail.models import Locale

from programs import demo
from programs.models import Certificate, Enrolment, Post, ProgramPage, WeekPage
from tests.factories import ResourcePageFactory

from .conftest import answer_right, build_program, enrol, make_member, submit, weeks

pytestmark = pytest.mark.django_db


def _finish(client, member, program, pseudonym="Sparrow"):
    client.force_login(member)
    enrol(client, program, pseudonym=pseudonym)
    for week in weeks(program):
        submit(client, week, answer_right(week))


def test_no_certificate_before_every_week_is_passed(client, member):
    program = build_program(weeks=2)
    client.force_login(member)
    enrol(client, program)
    first = weeks(program)[0]
    submit(client, first, answer_right(first))
    response = client.post(f"/en/programs/{program.pk}/certificate/")
    assert response.status_code == 400
    assert "The certificate is issued once every week of the program is passed." in (
        response.content.decode()
    )
    assert not Certificate.objects.exists()


def test_certificate_shows_the_chosen_name_and_verifies_by_link(client, member):
    program = build_program(weeks=2)
    _finish(client, member, program)
    response = client.post(f"/en/programs/{program.pk}/certificate/")
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert len(certificate.code) >= 12
    assert response["Location"] == f"/en/programs/certificates/{certificate.code}/"

    client.logout()  # anyone holding the link can verify it
    page = client.get(response["Location"]).content.decode()
    assert "Certificate of completion" in page
    assert "Sparrow" in page
    assert member.username not in page
    assert client.get("/en/programs/certificates/not-a-real-code/").status_code == 404


def test_default_certificate_name_is_a_participant_number_not_the_username(client, member):
    program = build_program(weeks=1)
    _finish(client, member, program, pseudonym="")
    client.post(f"/en/programs/{program.pk}/certificate/")
    certificate = Certificate.objects.get()
    assert certificate.name == "Participant 1"
    assert (
        member.username
        not in client.get(f"/en/programs/certificates/{certificate.code}/").content.decode()
    )


def test_certificate_page_and_pdf_in_arabic(client, member):
    program = build_program(weeks=1, arabic=True)
    _finish(client, member, program, pseudonym="عصفور")
    client.post(f"/en/programs/{program.pk}/certificate/")
    code = Certificate.objects.get().code
    page = client.get(f"/ar/programs/certificates/{code}/").content.decode()
    assert 'dir="rtl"' in page
    assert "شهادة إتمام" in page
    assert "أدوات المناصرة" in page
    assert "عصفور" in page

    pdf = client.get(f"/ar/programs/certificates/{code}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    assert b"Amiri" in body  # the embedded font that carries the Arabic glyphs


def test_dashboard_shows_progress_and_what_is_next(client, member):
    program = build_program(weeks=3, arabic=True)
    client.force_login(member)
    enrol(client, program)
    first = weeks(program)[0]
    submit(client, first, answer_right(first))
    page = client.get("/en/programs/my/").content.decode()
    assert "Week 2: Week 2 topic" in page
    assert "Passed" in page
    arabic_page = client.get("/ar/programs/my/").content.decode()
    assert 'dir="rtl"' in arabic_page
    assert "برامجي" in arabic_page
    assert "موضوع الأسبوع 2" in arabic_page


def test_export_and_deletion_cover_enrolments_answers_and_posts(client, member):
    from users import data_export, deletion

    program = build_program(weeks=1)
    _finish(client, member, program)
    first = weeks(program)[0]
    client.post(f"/en/programs/weeks/{first.pk}/posts/", {"body": "My question"})
    exported = json.loads(json.dumps(data_export.export_user_data(member)))
    programs = exported["training_programs"]
    assert programs["enrolments"][0]["pseudonym"] == "Sparrow"
    assert programs["enrolments"][0]["assessments"][0]["status"] == "passed"
    assert programs["discussion_posts"][0]["text"] == "My question"

    deletion.delete_account(member, deletion.ANONYMISE)
    assert not Enrolment.objects.exists()
    post = Post.objects.get()
    assert post.author is None
    page = client.get(first.url)  # signed out now: the discussion is not public
    assert page.status_code == 200


def test_statistics_for_trainers_count_progress_and_shared_countries(trainer_client):
    program = build_program(weeks=2)
    sharer, quiet, dropout = make_member(), make_member(), make_member()
    from django.test import Client

    for who, country, finish in ((sharer, "LB", True), (quiet, "", True), (dropout, "JO", False)):
        client = Client()
        client.force_login(who)
        enrol(client, program, country=country)
        if finish:
            first = weeks(program)[0]
            submit(client, first, answer_right(first))
    response = trainer_client.get(f"/admin/programs/{program.pk}/statistics/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 participants enrolled" in page
    assert "<svg" in page
    assert "Lebanon: 1" in page
    assert "Jordan: 1" in page
    assert "1 participant did not share a country." in page
    assert "Week 1: 2 passed" in page


def test_demo_program_is_built_once_in_both_languages(db):
    ResourcePageFactory(source_url=demo.WEEKS[0]["resources"][0][0], title="Activist or protester?")
    demo.ensure_demo_program()
    demo.ensure_demo_program()
    arabic = Locale.objects.get(language_code="ar")
    assert ProgramPage.objects.count() == 2
    assert WeekPage.objects.filter(locale=arabic).count() == 4
    english_week = WeekPage.objects.get(locale__language_code="en", slug=demo.WEEKS[0]["slug"])
    assert english_week.resources[0].value["resource"].title == "Activist or protester?"
    arabic_week = english_week.get_translation(arabic)
    assert arabic_week.title == demo.WEEKS[0]["title"][1]
    assert demo.WEEKS[0]["questions"][0][0][1] in str(arabic_week.assessment.raw_data)


def test_deleting_an_account_keeps_other_members_answers(client, member, mentor, program):
    from users import deletion

    first = weeks(program)[0]
    client.force_login(member)
    enrol(client, program)
    client.post(f"/en/programs/weeks/{first.pk}/posts/", {"body": "A question of mine"})
    client.force_login(mentor)
    client.post(
        f"/en/programs/weeks/{first.pk}/posts/",
        {"body": "The mentor's answer", "parent": Post.objects.get().pk},
    )
    deletion.delete_account(member, deletion.DELETE)
    page = client.get(first.url).content.decode()
    assert "A question of mine" not in page
    assert "This message was deleted." in page
    assert "The mentor&#x27;s answer" in page


def test_a_member_finds_their_programs_from_the_account_pages(client, member):
    client.force_login(member)
    arabic_account = client.get("/ar/accounts/me/").content.decode()
    assert '<a href="/ar/programs/my/">برامجي</a>' in arabic_account
    assert client.get("/ar/programs/my/").status_code == 200
