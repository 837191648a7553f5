"""A trainer builds a program in Arabic in the Wagtail admin (the real add-page forms), from
library resources, and a participant can then take it."""

import pytest
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from library.models import LibraryIndexPage
from library.translations import translate
from programs.models import ProgramPage, WeekPage
from tests.factories import ResourcePageFactory

from .conftest import answer_right, make_member, program_index, submit

pytestmark = pytest.mark.django_db


def list_block(values):
    """ListBlock form data: like a stream, without block types."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def test_trainer_builds_an_arabic_program_from_library_resources(trainer_client, client):
    arabic = Locale.objects.get(language_code="ar")
    english_index = program_index()
    arabic_index = translate(english_index, arabic, fields={"title": "البرامج التدريبية"})
    resource = ResourcePageFactory(
        title="Security in a Box",
        parent=LibraryIndexPage.objects.get(locale=arabic),
        locale=arabic,
    )
    chooser = trainer_client.get(f"/admin/pages/add/programs/programpage/{arabic_index.pk}/")
    assert chooser.status_code == 200

    response = trainer_client.post(
        f"/admin/pages/add/programs/programpage/{arabic_index.pk}/",
        nested_form_data(
            {
                "title": "أدوات المناصرة الإلكترونية",
                "slug": "advocacy-ar",
                "summary": "برنامج من أربعة أسابيع",
                "audience": "الناشطون",
                "intro": rich_text(""),
                "program_language": "ar",
                "starts_on": "",
                "ends_on": "",
                "enrolment_open": "on",
                "capacity": "66",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    program = ProgramPage.objects.get(slug="advocacy-ar")
    assert program.live and program.locale == arabic

    response = trainer_client.post(
        f"/admin/pages/add/programs/weekpage/{program.pk}/",
        nested_form_data(
            {
                "title": "الأسبوع الأول: الأمن الرقمي",
                "slug": "week-1",
                "starts_on": "",
                "deadline": "",
                "goals": rich_text("<p>حماية الحسابات</p>"),
                "resources": streamfield(
                    [("resource", {"resource": str(resource.pk), "note": "اقرأ الفصل الأول"})]
                ),
                "material": streamfield([]),
                "pass_mark": "70",
                "assessment": streamfield(
                    [
                        (
                            "choice",
                            {
                                "question": "ما أفضل حماية للحساب؟",
                                "choices": list_block(
                                    [
                                        {"text": "التحقق بخطوتين", "correct": "on"},
                                        {"text": "كلمة مرور قصيرة"},
                                    ]
                                ),
                            },
                        )
                    ]
                ),
                "live_chats": streamfield(
                    [
                        (
                            "live_chat",
                            {
                                "title": "حوار مباشر",
                                "starts_at": "2026-12-03 17:00",
                                "duration_minutes": "60",
                                "where": "",
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    week = WeekPage.objects.get(slug="week-1", locale=arabic)
    assert week.resources[0].value["resource"].pk == resource.pk

    participant = make_member()
    client.force_login(participant)
    client.post(f"/ar/programs/{program.pk}/enrol/", {"pseudonym": "نسمة"})
    page = client.get(week.url).content.decode()
    assert 'dir="rtl"' in page
    assert "Security in a Box" in page
    assert "اقرأ الفصل الأول" in page
    assert "ما أفضل حماية للحساب؟" in page
    assert '<time datetime="2026-12-03T17:00:00+00:00"' in page
    response = submit(client, week, answer_right(week), lang="ar")
    followed = client.get(response["Location"]).content.decode()
    assert "اجتزت هذا الأسبوع." in followed

    statistics = trainer_client.get(f"/admin/programs/{program.pk}/statistics/").content.decode()
    assert "1 participant enrolled" in statistics


def test_a_program_slug_used_by_the_sites_own_pages_is_refused_in_arabic(trainer_client):
    arabic = Locale.objects.get(language_code="ar")
    arabic_index = translate(program_index(), arabic, fields={"title": "البرامج التدريبية"})
    from wagtail.users.models import UserProfile

    trainer = trainer_client.session["_auth_user_id"]
    UserProfile.objects.update_or_create(user_id=trainer, defaults={"preferred_language": "ar"})
    response = trainer_client.post(
        f"/admin/pages/add/programs/programpage/{arabic_index.pk}/",
        nested_form_data(
            {
                "title": "برنامجي",
                "slug": "certificates",
                "summary": "برنامج قصير",
                "audience": "",
                "intro": rich_text(""),
                "program_language": "ar",
                "starts_on": "",
                "ends_on": "",
                "enrolment_open": "on",
                "capacity": "",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 200
    assert not ProgramPage.objects.filter(slug="certificates").exists()
    assert "مستخدم في صفحات البرامج الخاصة بالموقع" in response.content.decode()
    assert 'value="برنامجي"' in response.content.decode()  # what was typed is kept
