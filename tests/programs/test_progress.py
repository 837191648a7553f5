"""Enrolment, week unlocking, scoring and the refusals that protect them (HTTP level)."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from programs import services
from programs.models import Enrolment, Submission

from .conftest import answer_right, answer_wrong, build_program, enrol, make_member, submit, weeks

pytestmark = pytest.mark.django_db


def test_enrolled_member_sees_week_one_open_and_week_two_locked(client, member, program):
    client.force_login(member)
    response = enrol(client, program, pseudonym="Sparrow")
    assert response.status_code == 302
    first, second = weeks(program)[:2]
    page = client.get(first.url).content.decode()
    assert "Send my answers" in page
    locked = client.get(second.url).content.decode()
    assert "This week opens when you pass week 1" in locked
    assert "Send my answers" not in locked


def test_passing_week_one_unlocks_week_two(client, member, program):
    client.force_login(member)
    enrol(client, program)
    first, second = weeks(program)[:2]
    response = submit(client, first, answer_right(first))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You passed this week. The next week is open." in page
    assert "Send my answers" in client.get(second.url).content.decode()


def test_failing_week_one_keeps_week_two_locked_and_allows_a_retry(client, member, program):
    client.force_login(member)
    enrol(client, program)
    first, second = weeks(program)[:2]
    response = submit(client, first, answer_wrong(first))
    page = client.get(response["Location"]).content.decode()
    assert "Your score is 0%; the pass mark is 100%" in page
    assert "This week opens when you pass week 1" in client.get(second.url).content.decode()
    submit(client, first, answer_right(first))
    assert "Send my answers" in client.get(second.url).content.decode()


def test_answering_a_locked_week_is_refused_and_nothing_is_saved(client, member, program):
    client.force_login(member)
    enrol(client, program)
    third = weeks(program)[2]
    response = submit(client, third, answer_right(third))
    assert response.status_code == 400
    assert "This week is still locked" in response.content.decode()
    assert not Submission.objects.exists()


def test_answering_without_enrolling_is_refused(client, member, program):
    client.force_login(member)
    first = weeks(program)[0]
    response = submit(client, first, answer_right(first))
    assert response.status_code == 400
    assert "Enrol in the program to take its assessments." in response.content.decode()
    assert not Submission.objects.exists()


def test_answers_after_the_deadline_are_refused(client, member, program):
    client.force_login(member)
    enrol(client, program)
    first = weeks(program)[0]
    submit(client, first, answer_wrong(first))
    first.deadline = timezone.now() - timezone.timedelta(minutes=1)
    first.save_revision().publish()
    response = submit(client, first, answer_right(first))
    assert response.status_code == 400
    assert "The deadline for this assessment has passed" in response.content.decode()
    assert Submission.objects.get().status == Submission.FAILED


def test_an_unanswered_question_keeps_what_was_typed(client, member):
    program = build_program(weeks=2, short_answer_weeks=(1,))
    client.force_login(member)
    enrol(client, program)
    first = weeks(program)[0]
    short_id = [b.id for b in first.assessment if b.block_type == "short_answer"][0]
    response = submit(client, first, {short_id: "My typed answer"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one answer." in page
    assert "My typed answer" in page
    assert not Submission.objects.exists()


def test_scoring_requires_every_correct_choice_and_no_wrong_one(program):
    week = build_program(weeks=1).get_children().first().specific
    week.assessment = [
        (
            "choice",
            {
                "question": "Q1",
                "choices": [
                    {"text": "a", "correct": True},
                    {"text": "b", "correct": True},
                    {"text": "c", "correct": False},
                ],
            },
        ),
        (
            "choice",
            {
                "question": "Q2",
                "choices": [{"text": "x", "correct": True}, {"text": "y", "correct": False}],
            },
        ),
    ]
    week.save()
    q1, q2 = [b.id for b in week.assessment]
    assert services.score_answers(week, {q1: [0, 1], q2: [0]}) == 100
    assert services.score_answers(week, {q1: [0], q2: [0]}) == 50  # half of Q1 is not enough
    assert services.score_answers(week, {q1: [0, 1, 2], q2: []}) == 0


def test_enrolling_past_capacity_is_refused(client, db):
    program = build_program(weeks=1, capacity=1)
    first, second = make_member(), make_member()
    client.force_login(first)
    assert enrol(client, program).status_code == 302
    client.force_login(second)
    response = enrol(client, program, pseudonym="Late")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This program is full: all 1 places are taken." in page
    assert Enrolment.objects.count() == 1


def test_enrolling_after_closing_is_refused_in_arabic_too(client, member):
    program = build_program(weeks=1, arabic=True, enrolment_open=False)
    arabic_program = program.get_translation(Locale.objects.get(language_code="ar"))
    client.force_login(member)
    response = client.post(f"/ar/programs/{arabic_program.pk}/enrol/", {})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "التسجيل في هذا البرنامج مغلق." in page
    assert not Enrolment.objects.exists()


def test_enrolling_twice_is_refused(client, member, program):
    client.force_login(member)
    enrol(client, program)
    response = enrol(client, program)
    assert response.status_code == 400
    assert "You are already enrolled in this program." in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_enrolment_needs_a_signed_in_member(client, program):
    response = enrol(client, program)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_the_program_page_lists_every_weeks_live_chats_in_utc_for_scripts(client, program):
    import datetime

    week = weeks(program)[1]
    week.live_chats = [
        (
            "live_chat",
            {
                "title": "Ask the mentors",
                "starts_at": datetime.datetime(2026, 12, 9, 16, 30, tzinfo=datetime.UTC),
                "duration_minutes": 45,
                "where": "",
            },
        )
    ]
    week.save_revision().publish()
    page = client.get(program.url).content.decode()
    assert "Ask the mentors" in page
    assert '<time datetime="2026-12-09T16:30:00+00:00" data-local-time>' in page
    assert "9 December 2026, 16:30 UTC" in page  # readable without the script
