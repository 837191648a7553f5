"""The training program's "done when" journey in real Chromium, in Arabic: a participant enrols,
passes week 1 and sees week 2 open, asks a question that a mentor answers (the answer appears
without reloading), passes the last week and downloads the certificate."""

import pytest
from wagtail.models import Locale

from programs.models import WeekPage
from tests.programs.conftest import PASSWORD, build_program, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def pass_week(page, base, week):
    page.goto(f"{base}{week.url}")
    page.check("#assessment label:has-text('صحيح') input")
    page.click("#assessment button[type=submit]")
    page.wait_for_selector("text=اجتزت هذا الأسبوع. الأسبوع التالي مفتوح الآن.")


def test_participant_goes_from_enrolment_to_certificate_with_a_mentor(live_site, browser_page):
    base = live_site.url
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    arabic = Locale.objects.get(language_code="ar")
    program = build_program(weeks=4, arabic=True)
    mentor = make_member("mentor_rania", display_name="رانيا", show_display_name=True)
    program.mentors.add(mentor)
    program.save()
    participant = make_member("participant_one")
    arabic_program = program.get_translation(arabic)
    weeks = list(WeekPage.objects.child_of(arabic_program).order_by("path"))

    page = browser_page
    sign_in(page, base, participant.username)
    page.goto(f"{base}{arabic_program.url}")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.fill("input[name=pseudonym]", "نسمة")
    page.click("#enrol button[type=submit]")
    page.wait_for_selector("text=تم تسجيلك. الأسبوع الأول مفتوح: أهلًا بك!")

    pass_week(page, base, weeks[0])
    page.goto(f"{base}{arabic_program.url}")
    second_row = page.locator(".week-list__item").nth(1)
    assert "مفتوح" in second_row.inner_text()

    page.goto(f"{base}{weeks[1].url}")
    page.fill("#discussion > form textarea[name=body]", "كيف أحمي صفحة الحملة؟")
    page.click("#discussion > form button[type=submit]")
    page.wait_for_selector("text=كيف أحمي صفحة الحملة؟")

    mentor_page = page.context.browser.new_context().new_page()
    sign_in(mentor_page, base, mentor.username)
    mentor_page.goto(f"{base}{weeks[1].url}")
    mentor_page.fill(".reply-form textarea", "استخدم أدوار الصفحة والتحقق بخطوتين.")
    mentor_page.click(".reply-form button[type=submit]")
    mentor_page.wait_for_selector("text=استخدم أدوار الصفحة والتحقق بخطوتين.")

    # The participant's page was not reloaded: the answer arrives through the polling script.
    answer = page.locator(".post--mentor", has_text="استخدم أدوار الصفحة")
    answer.wait_for(timeout=15000)
    assert "إجابة المرشد" in answer.inner_text()
    assert "رانيا" in answer.inner_text()

    for week in weeks[1:]:
        pass_week(page, base, week)
    page.goto(f"{base}{arabic_program.url}")
    page.click("text=احصل على شهادتك")
    page.wait_for_selector("text=شهادة إتمام")
    assert "نسمة" in page.inner_text(".certificate__name")
    with page.expect_download() as download_info:
        page.click("text=تنزيل ملف PDF")
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert [url for url in requested if not url.startswith(base)] == []


def test_live_chat_times_are_shown_in_the_readers_time_zone(live_site, browser_page):
    import datetime

    program = build_program(weeks=1)
    week = WeekPage.objects.child_of(program).get()
    week.live_chats = [
        (
            "live_chat",
            {
                "title": "Live chat with the mentors",
                "starts_at": datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC),
                "duration_minutes": 60,
                "where": "",
            },
        )
    ]
    week.save_revision().publish()
    context = browser_page.context.browser.new_context(timezone_id="Asia/Beirut")
    page = context.new_page()
    page.goto(f"{live_site.url}{week.url}")
    time = page.locator("time[data-local-time]")
    assert time.get_attribute("datetime") == "2026-12-03T17:00:00+00:00"
    assert "07:00" in time.inner_text()  # 17:00 UTC is 19:00 (7 PM) in Beirut
    assert "UTC" in time.get_attribute("title")  # the server's UTC text stays as a tooltip
