"""Members report problems with resources and translate what lacks a translation; curators and
translators act on them, and members get the credit and keep control of their data — over
HTTP, in both languages."""

import pytest
from django.utils import translation
from wagtail.models import PageLogEntry

from community.models import ProblemReport, Suggestion, VolunteerTranslation
from library.translations import translate
from tests.factories import ResourcePageFactory
from users import data_export, deletion

from .conftest import make_member
from .proposals import open_form, page_in

# --- Report a problem -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_one_open_report_per_member_and_unsafe_ones_come_first(
    language, member_client, member, resource, curator_client
):
    other = ResourcePageFactory(title="Old messaging app guide")
    url = f"/{language}/r/{other.translation_key}/problem/"
    assert member_client.post(url, {"kind": "outdated", "details": "2012"}).status_code == 302
    url = f"/{language}/r/{resource.translation_key}/problem/"
    response = member_client.post(url, {"kind": "unsafe", "details": "The app leaks contacts"})
    assert response.status_code == 302
    again = member_client.post(url, {"kind": "harmful", "details": "again"})
    assert again.status_code == 200
    assert 'id="already-reported"' in again.content.decode()
    assert ProblemReport.objects.filter(member=member).count() == 2

    queue = curator_client.get("/admin/curation/problem-reports/").content.decode()
    assert queue.index("The app leaks contacts") < queue.index("2012")
    dashboard = curator_client.get("/admin/").content.decode()
    assert 'id="curators-dashboard"' in dashboard
    panel = dashboard[dashboard.index('id="curators-dashboard"') :]
    with translation.override("ar"):  # the staff member's admin speaks Arabic
        urgent = translation.ngettext(
            "%(count)s unsafe or harmful", "%(count)s unsafe or harmful", 1
        ) % {"count": 1}
        reports = translation.ngettext(
            "%(count)s open problem report", "%(count)s open problem reports", 2
        ) % {"count": 2}
    assert urgent in panel and reports in panel
    # Once a curator closes it, the member may report again.
    report = ProblemReport.objects.get(member=member, kind="unsafe")
    curator_client.post(
        "/admin/curation/problem-reports/",
        {"report": report.pk, "action": "resolved", "note": "Marked unsafe"},
    )
    assert member_client.post(url, {"kind": "harmful"}).status_code == 302
    assert "Marked unsafe" in member_client.get(f"/{language}/my/suggestions/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_unknown_problem_kind_is_refused_with_the_details_kept(
    language, member_client, resource
):
    response = member_client.post(
        f"/{language}/r/{resource.translation_key}/problem/",
        {"kind": "made-up", "details": "What I typed"},
    )
    assert response.status_code == 200
    assert "What I typed" in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert not ProblemReport.objects.exists()


# --- Volunteer translation --------------------------------------------------------------


@pytest.fixture
def untranslated(db, arabic):
    """An English resource whose Arabic page has a title but still the English summary
    (wagtail-localize's fallback for a string nobody translated)."""
    page = ResourcePageFactory(
        title="Secure messaging basics", summary="How to choose a messenger."
    )
    translate(page, arabic, fields={"title": "أساسيات المراسلة الآمنة"})
    return page


@pytest.mark.django_db
def test_a_volunteer_translation_waits_for_a_translator_and_credits_the_member(
    client, untranslated, curator_client, translator_client
):
    member = make_member("volunteer")
    member.show_contributions = True
    member.save()
    client.force_login(member)
    arabic = page_in(untranslated, "ar")
    html = client.get(arabic.url).content.decode()
    translate_url = f"/ar/r/{untranslated.translation_key}/translate/ar/"
    assert translate_url in html
    form = client.get(translate_url).content.decode()
    assert 'name="summary"' in form and 'name="title"' not in form  # only what is missing

    response = client.post(translate_url, {"summary": "كيف تختار تطبيق مراسلة."})
    assert response.status_code == 302
    volunteer = VolunteerTranslation.objects.get(member=member)
    # Nothing is live yet: readers still see the untranslated summary.
    assert "كيف تختار تطبيق مراسلة." not in client.get(arabic.url).content.decode()
    assert page_in(untranslated, "ar").summary == "How to choose a messenger."
    assert page_in(untranslated, "ar").has_unpublished_changes

    # A curator without translation rights cannot publish it; a translator can.
    publish = {"translation": volunteer.pk}
    refused = curator_client.post("/admin/curation/volunteer-translations/", publish)
    assert refused.status_code in (302, 403)
    assert page_in(untranslated, "ar").summary == "How to choose a messenger."
    queue = translator_client.get("/admin/curation/volunteer-translations/").content.decode()
    assert "كيف تختار تطبيق مراسلة." in queue
    assert (
        translator_client.post("/admin/curation/volunteer-translations/", publish).status_code
        == 302
    )
    assert "كيف تختار تطبيق مراسلة." in client.get(arabic.url).content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerTranslation.PUBLISHED
    entry = PageLogEntry.objects.get(action="community.translation_published")
    assert entry.data["credit"] == "volunteer"
    # No more help needed in Arabic.
    assert translate_url not in client.get(arabic.url).content.decode()
    contributions = client.get("/ar/members/volunteer/contributions/").content.decode()
    assert "أساسيات المراسلة الآمنة" in contributions


@pytest.mark.django_db
def test_a_member_cannot_translate_what_needs_no_help(member_client, resource):
    # The fixture's Arabic page has its own title and summary.
    assert member_client.get(f"/en/r/{resource.translation_key}/translate/ar/").status_code == 404
    assert member_client.get(f"/en/r/{resource.translation_key}/translate/en/").status_code == 404


@pytest.mark.django_db
def test_an_empty_translation_is_refused_in_arabic(member_client, untranslated):
    url = f"/ar/r/{untranslated.translation_key}/translate/ar/"
    response = member_client.post(url, {"summary": "  "})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not VolunteerTranslation.objects.exists()


# --- Credit, export, deletion -----------------------------------------------------------


@pytest.mark.django_db
def test_the_contributor_page_is_off_until_the_member_chooses_it(client, member):
    assert client.get(f"/en/members/{member.username}/contributions/").status_code == 404
    client.force_login(member)
    profile = client.get("/en/accounts/me/profile/").content.decode()
    assert 'name="show_contributions"' in profile
    member.show_contributions = True
    member.save()
    assert client.get(f"/ar/members/{member.username}/contributions/").status_code == 200


@pytest.mark.django_db
def test_download_my_data_and_deletion_cover_suggestions_and_reports(
    member_client, member, resource
):
    data = open_form(member_client, resource, "en")
    data.update(media_format="video", reason="mine")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    member_client.post(f"/en/r/{resource.translation_key}/problem/", {"kind": "broken_link"})
    exported = data_export.export_user_data(member)
    assert exported["suggestions"][0]["proposed"] == {"media_format": "video"}
    assert exported["problem_reports"][0]["problem"] == "broken_link"
    assert exported["volunteer_translations"] == []
    deletion.delete_account(member, deletion.DELETE)
    assert not Suggestion.objects.exists() and not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_deleting_an_account_can_keep_suggestions_without_the_member(
    member_client, member, resource
):
    data = open_form(member_client, resource, "en")
    data.update(media_format="video", reason="mine")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    deletion.delete_account(member, deletion.ANONYMISE)
    kept = Suggestion.objects.get()
    assert kept.member is None and kept.changes == {"media_format": "video"}


@pytest.mark.django_db
def test_a_resource_without_an_arabic_page_gets_one_as_a_draft_only(
    member_client, member, translator_client, client
):
    english = ResourcePageFactory(title="Threat modelling", summary="Start with what you protect.")
    html = member_client.get(english.url).content.decode()
    url = f"/en/r/{english.translation_key}/translate/ar/"
    assert url in html
    form = member_client.get(url).content.decode()
    assert 'name="title"' in form and 'name="summary"' in form
    response = member_client.post(url, {"title": "نمذجة التهديدات", "summary": "ابدأ بما تحميه."})
    assert response.status_code == 302
    arabic = page_in(english, "ar")
    assert not arabic.live
    client.logout()
    assert client.get("/ar/library/" + arabic.slug + "/").status_code == 404
    volunteer = VolunteerTranslation.objects.get(member=member)
    translator_client.post("/admin/curation/volunteer-translations/", {"translation": volunteer.pk})
    arabic = page_in(english, "ar")
    assert arabic.live and arabic.title == "نمذجة التهديدات"
    assert "ابدأ بما تحميه." in client.get(arabic.url).content.decode()
