"""Mentor review and let-through, and the weekly discussion: who may read and post, mentor
answers marked, new posts fetched without reloading, member text escaped, pseudonyms only."""

import pytest

from programs.models import Post, Submission

from .conftest import answer_right, build_program, enrol, make_member, submit, weeks

pytestmark = pytest.mark.django_db


def _pass_week_one(client, member, program):
    client.force_login(member)
    enrol(client, program, pseudonym="Sparrow")
    first = weeks(program)[0]
    submit(client, first, answer_right(first))


def test_short_answers_wait_for_a_mentor_who_passes_them(client, member, mentor, program):
    _pass_week_one(client, member, program)
    second, third = weeks(program)[1:3]
    response = submit(client, second, answer_right(second))
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. A mentor will review your answers." in page
    assert "This week opens when you pass week 2" in client.get(third.url).content.decode()

    client.force_login(mentor)
    mentor_page = client.get(f"/en/programs/{program.pk}/mentor/").content.decode()
    assert "Sparrow" in mentor_page
    assert "Our office could be watched; we use Signal." in mentor_page
    assert member.username not in mentor_page
    submission = Submission.objects.get(status=Submission.PENDING)
    response = client.post(
        f"/en/programs/answers/{submission.pk}/review/",
        {
            f"s{submission.pk}-decision": "pass",
            f"s{submission.pk}-note": "Well argued.",
            "next_page": program.pk,
        },
    )
    assert response.status_code == 302

    client.force_login(member)
    week_two = client.get(second.url).content.decode()
    assert "Well argued." in week_two
    assert "Send my answers" in client.get(third.url).content.decode()


def test_a_mentor_of_another_program_cannot_review(client, member, program):
    _pass_week_one(client, member, program)
    second = weeks(program)[1]
    submit(client, second, answer_right(second))
    submission = Submission.objects.get(status=Submission.PENDING)
    outsider = make_member()
    other = build_program(weeks=1)
    other.mentors.add(outsider)
    other.save()

    client.force_login(outsider)
    response = client.post(
        f"/en/programs/answers/{submission.pk}/review/",
        {f"s{submission.pk}-decision": "pass"},
    )
    assert response.status_code == 403
    assert "Only this program&#x27;s mentors can do that." in response.content.decode()
    assert client.get(f"/en/programs/{program.pk}/mentor/").status_code == 403
    submission.refresh_from_db()
    assert submission.status == Submission.PENDING
    assert submission.reviewed_by is None


def test_a_mentor_can_let_a_participant_through(client, member, mentor, program):
    client.force_login(member)
    enrol(client, program)
    first, second = weeks(program)[:2]
    client.force_login(mentor)
    enrolment = member.program_enrolments.get()
    response = client.post(
        f"/en/programs/{program.pk}/mentor/let-through/",
        {"enrolment": enrolment.pk, "week": first.pk, "note": "Missed the session for a reason"},
    )
    assert response.status_code == 302
    client.force_login(member)
    assert "let through by a mentor" in client.get(program.url).content.decode()
    assert "Send my answers" in client.get(second.url).content.decode()


def test_discussion_is_closed_to_members_not_in_the_program(client, member, program):
    first = weeks(program)[0]
    client.force_login(member)
    response = client.post(f"/en/programs/weeks/{first.pk}/posts/", {"body": "Hello?"})
    assert response.status_code == 400
    assert "Only participants who reached this week" in response.content.decode()
    assert client.get(f"/en/programs/weeks/{first.pk}/posts/new/").status_code == 403
    assert "Questions and answers" not in client.get(first.url).content.decode()
    assert not Post.objects.exists()


def test_participants_cannot_post_in_a_locked_week(client, member, program):
    client.force_login(member)
    enrol(client, program)
    second = weeks(program)[1]
    response = client.post(f"/en/programs/weeks/{second.pk}/posts/", {"body": "Early question"})
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_question_gets_a_marked_mentor_answer_fetched_without_reload(
    client, member, mentor, program
):
    first = weeks(program)[0]
    client.force_login(member)
    enrol(client, program, pseudonym="Sparrow")
    client.post(
        f"/en/programs/weeks/{first.pk}/posts/",
        {"body": "How do I <script>alert(1)</script> hide my page's admins?"},
    )
    question = Post.objects.get()

    client.force_login(mentor)
    client.post(
        f"/en/programs/weeks/{first.pk}/posts/",
        {"body": "Use page roles and two-step verification.", "parent": question.pk},
    )

    client.force_login(member)
    feed = client.get(f"/en/programs/weeks/{first.pk}/posts/new/?after={question.pk}").json()
    assert len(feed["posts"]) == 1
    answer = feed["posts"][0]
    assert answer["parent"] == question.pk
    assert "Mentor answer" in answer["html"]
    assert "Rania M." in answer["html"]  # the mentor chose to show their display name

    page = client.get(first.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "Sparrow" in page
    assert member.username not in page


def test_the_feed_refuses_a_bad_after_parameter(client, member, program):
    client.force_login(member)
    enrol(client, program)
    first = weeks(program)[0]
    response = client.get(f"/en/programs/weeks/{first.pk}/posts/new/?after=abc")
    assert response.status_code == 400
    assert "after" in response.json()["error"]


def test_a_mentor_without_a_public_name_is_shown_as_mentor(client, member, program):
    quiet = make_member(display_name="Secret Name")  # show_display_name stays off
    program.mentors.add(quiet)
    program.save()
    first = weeks(program)[0]
    client.force_login(quiet)
    client.post(f"/en/programs/weeks/{first.pk}/posts/", {"body": "Welcome, everyone."})
    client.force_login(member)
    enrol(client, program)
    page = client.get(first.url).content.decode()
    assert "Welcome, everyone." in page
    assert "Secret Name" not in page
    assert quiet.username not in page


def test_a_mentor_chosen_on_the_english_page_is_shown_and_acts_on_the_arabic_one(client, member):
    from wagtail.models import Locale

    program = build_program(weeks=1, arabic=True)
    mentor = make_member(display_name="Rania M.", show_display_name=True)
    program.mentors.add(mentor)  # after the translation was made: Arabic has no mentor yet
    program.save()
    arabic_program = program.get_translation(Locale.objects.get(language_code="ar"))
    assert "Rania M." in client.get(arabic_program.url).content.decode()
    client.force_login(mentor)
    assert client.get(f"/ar/programs/{arabic_program.pk}/mentor/").status_code == 200
    dashboard = client.get("/ar/programs/my/").content.decode()
    assert "أدوات المناصرة" in dashboard
