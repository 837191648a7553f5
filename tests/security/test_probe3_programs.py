"""Outside security probe, issue 21: training programs, attacked through both language trees.

Each test does what the prober (or a member) did, over HTTP: a program's rules must not be
beaten through the other language's pages (item 1), a week of an unpublished program must not
stay public (item 8), and where a live chat happens is for the program's people only (item 9a).
"""

import datetime

import pytest
from django.test import Client
from wagtail.models import Locale

from programs.models import Certificate, ProgramPage, Submission, WeekPage
from tests.programs.conftest import (
    answer_right,
    build_program,
    choice_question,
    make_member,
    translate_program,
    weeks,
)

pytestmark = pytest.mark.django_db

LOCKED = "This week is still locked"


def arabic(page):
    return page.get_translation(Locale.objects.get(language_code="ar")).specific


def versions(program):
    """{"en": English program, "ar": Arabic program}."""
    return {"en": program, "ar": arabic(program)}


def week_in(program, number, lang):
    """Week `number` of the English tree, live or not, or its Arabic translation."""
    week = WeekPage.objects.child_of(program).order_by("path")[number - 1]
    return week if lang == "en" else arabic(week)


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def pass_week(client, week, lang):
    response = client.post(f"/{lang}/programs/weeks/{week.pk}/assessment/", answer_right(week))
    assert response.status_code == 302, response.content.decode()[:500]


def request_certificate(client, program, lang):
    return client.post(f"/{lang}/programs/{program.pk}/certificate/")


REFUSALS = {
    "en": "The certificate is issued once every week of the program is passed.",
    "ar": "تصدر الشهادة بعد اجتياز جميع أسابيع البرنامج.",
}


def assert_no_certificate_through_either_language(client, program):
    for lang, version in versions(program).items():
        response = request_certificate(client, version, lang)
        assert response.status_code == 400, lang
        assert REFUSALS[lang] in response.content.decode(), lang
    assert not Certificate.objects.exists()


def unpublish(page):
    page.unpublish()
    page.refresh_from_db()
    assert not page.live


# --- Item 1: one structure for both languages -------------------------------------------------


def test_a_week_not_yet_translated_is_needed_for_the_certificate_in_both_languages():
    # The English program gained a fifth week the translators have not reached yet.
    program = build_program(weeks=4, arabic=True)
    fifth = program.add_child(
        instance=WeekPage(
            title="Week 5 topic",
            slug="week-5",
            assessment=[choice_question("Question of week 5?", [("Right", True), ("No", False)])],
            pass_mark=100,
        )
    )
    fifth.save_revision().publish()
    member = make_member()
    client = signed_in(member)
    assert client.post(f"/ar/programs/{arabic(program).pk}/enrol/").status_code == 302
    for number in range(1, 5):  # every week there is in Arabic, passed through the Arabic pages
        pass_week(client, week_in(program, number, "ar"), "ar")

    assert_no_certificate_through_either_language(client, program)
    # The Arabic program page does not call it complete, and still shows the fifth week.
    arabic_page = client.get(arabic(program).url).content.decode()
    assert "احصل على شهادتك" not in arabic_page
    assert "Week 5 topic" in arabic_page

    pass_week(client, fifth, "en")  # the fifth week, taken where it exists
    response = request_certificate(client, arabic(program), "ar")
    assert response.status_code == 302
    assert Certificate.objects.filter(enrolment__member=member).count() == 1


@pytest.mark.parametrize("unpublished_in", ["ar", "en"])
def test_a_week_waiting_for_a_mentor_and_unpublished_in_one_language_blocks_the_certificate(
    unpublished_in,
):
    program = build_program(weeks=4, short_answer_weeks=(4,), arabic=True)
    member = make_member()
    client = signed_in(member)
    assert client.post(f"/en/programs/{program.pk}/enrol/").status_code == 302
    for number in range(1, 5):
        pass_week(client, week_in(program, number, "en"), "en")
    fourth = week_in(program, 4, "en")
    assert Submission.objects.get(week_key=fourth.translation_key).status == Submission.PENDING

    unpublish(week_in(program, 4, unpublished_in))

    assert_no_certificate_through_either_language(client, program)


@pytest.mark.parametrize("unpublished_in", ["ar", "en"])
def test_week_three_stays_locked_in_both_languages_when_week_two_is_unpublished_in_one(
    unpublished_in,
):
    program = build_program(weeks=4, arabic=True)
    member = make_member()
    client = signed_in(member)
    assert client.post(f"/en/programs/{program.pk}/enrol/").status_code == 302
    pass_week(client, week_in(program, 1, "en"), "en")

    unpublish(week_in(program, 2, unpublished_in))

    for lang in ("en", "ar"):
        third = week_in(program, 3, lang)
        response = client.post(
            f"/{lang}/programs/weeks/{third.pk}/assessment/", answer_right(third)
        )
        assert response.status_code == 400, lang
        assert not Submission.objects.filter(week_key=third.translation_key).exists()
        page = client.get(third.url).content.decode()
        assert "Send my answers" not in page and "إرسال إجاباتي" not in page
    english_third = client.get(week_in(program, 3, "en").url).content.decode()
    assert "This week opens when you pass week 2" in english_third


def test_a_week_in_only_one_language_opens_the_next_once_passed_there():
    # The other side of the rule: a week unpublished in Arabic is taken in English, and then
    # the program goes on in Arabic.
    program = build_program(weeks=3, arabic=True)
    member = make_member()
    client = signed_in(member)
    assert client.post(f"/ar/programs/{arabic(program).pk}/enrol/").status_code == 302
    pass_week(client, week_in(program, 1, "ar"), "ar")
    unpublish(week_in(program, 2, "ar"))
    # The Arabic program page still lists week 2, pointing at the English page.
    arabic_page = client.get(arabic(program).url).content.decode()
    assert week_in(program, 2, "en").url in arabic_page
    pass_week(client, week_in(program, 2, "en"), "en")
    pass_week(client, week_in(program, 3, "ar"), "ar")
    assert request_certificate(client, arabic(program), "ar").status_code == 302


# --- Item 8: a week of an unpublished program is not public ------------------------------------


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("unpublished_in", ["en", "ar"])
def test_weeks_of_an_unpublished_program_are_gone_in_that_language(client, unpublished_in):
    program = build_program(weeks=2, arabic=True, title="Closed advocacy course")
    other = "ar" if unpublished_in == "en" else "en"
    week_urls = {lang: week_in(program, 1, lang).url for lang in ("en", "ar")}
    before = sitemap(client)
    assert week_urls["en"] in before and week_urls["ar"] in before

    unpublish(versions(program)[unpublished_in])

    response = client.get(week_in(program, 1, unpublished_in).url)
    assert response.status_code == 404
    assert "Closed advocacy course" not in response.content.decode()
    after = sitemap(client)
    assert week_urls[unpublished_in] not in after
    # The language whose program is still live keeps its weeks.
    assert client.get(week_in(program, 1, other).url).status_code == 200
    assert week_urls[other] in after


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_members_cannot_answer_or_post_in_weeks_of_an_unpublished_program(lang):
    program = build_program(weeks=2, arabic=True)
    member = make_member()
    client = signed_in(member)
    assert client.post(f"/en/programs/{program.pk}/enrol/").status_code == 302
    unpublish(versions(program)[lang])
    week = week_in(program, 1, lang)
    assert (
        client.post(f"/{lang}/programs/weeks/{week.pk}/assessment/", answer_right(week)).status_code
        == 404
    )
    assert (
        client.post(f"/{lang}/programs/weeks/{week.pk}/posts/", {"body": "Hello"}).status_code
        == 404
    )
    assert client.get(f"/{lang}/programs/weeks/{week.pk}/posts/new/").status_code == 404
    assert not Submission.objects.exists()


# --- Item 9a: where a live chat happens ------------------------------------------------------

ROOM = "https://meet.example.org/advocacy-room-42"


def program_with_a_chat():
    program = build_program(weeks=2, short_answer_weeks=(2,))
    week = weeks(program)[0]
    week.live_chats = [
        (
            "live_chat",
            {
                "title": "Ask the mentors",
                "starts_at": datetime.datetime(2026, 12, 9, 16, 30, tzinfo=datetime.UTC),
                "duration_minutes": 45,
                "where": ROOM,
            },
        )
    ]
    week.save_revision().publish()
    translate_program(program)
    return ProgramPage.objects.get(pk=program.pk)


def chat_pages(program):
    return [versions(program)[lang].url for lang in ("en", "ar")] + [
        week_in(program, 1, lang).url for lang in ("en", "ar")
    ]


def test_the_place_of_a_live_chat_is_for_participants_and_mentors_only(client):
    program = program_with_a_chat()
    for url in chat_pages(program):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Ask the mentors" in page  # the chat itself is announced
        assert ROOM not in page, url

    outsider = signed_in(make_member())  # signed in but not enrolled: still not theirs
    for url in chat_pages(program):
        assert ROOM not in outsider.get(url).content.decode(), url

    participant = signed_in(make_member())
    assert participant.post(f"/en/programs/{program.pk}/enrol/").status_code == 302
    mentor = make_member()
    program.mentors.add(mentor)
    program.save()
    for client_with_access in (participant, signed_in(mentor)):
        for url in chat_pages(program):
            assert ROOM in client_with_access.get(url).content.decode(), url
