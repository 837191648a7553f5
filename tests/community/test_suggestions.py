"""Members improve resources: suggested corrections reviewed by curators, problem reports,
volunteer translations published by translators, and the credit that follows — over HTTP, in
both languages, the way members, curators, translators and attackers use them."""

import re

import pytest
from django.utils import translation
from wagtail.models import PageLogEntry

from community.models import ProblemReport, Suggestion, VolunteerTranslation
from library.models import ResourcePage
from library.translations import translate
from tests.browser.admin_steps import curator_groups, make_staff, translator_groups
from tests.factories import ResourcePageFactory
from users import data_export, deletion

from .conftest import make_member


def staff_client(client, groups, name):
    """A staff member of `groups` signed in to the admin past the second factor."""
    user, device = make_staff(name, groups)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return user


@pytest.fixture
def curator_client(client, db):
    from django.test import Client

    staff = Client()
    staff_client(staff, curator_groups(), "curator1")
    return staff


@pytest.fixture
def translator_client(db):
    from django.test import Client

    staff = Client()
    staff_client(staff, translator_groups(), "translator1")
    return staff


def page_in(resource, language):
    return ResourcePage.objects.get(
        translation_key=resource.translation_key, locale__language_code=language
    )


def form_values(html):
    """The form's fields as a browser would send them (inputs, textareas, selected options,
    checked boxes): enough for the suggestion form."""
    data = {}
    for name, value in re.findall(
        r'<input type="(?:text|url|hidden)" name="(\w+)" value="([^"]*)"', html
    ):
        data[name] = value
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', html):
        data[name] = value.strip()
    for select_name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        data[select_name] = chosen if len(chosen) != 1 else chosen[0]
    checked = re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]*)"[^>]*checked', html)
    for name, value in checked:
        data.setdefault(name, []).append(value)
    for key in ("languages", "regions", "categories"):
        if isinstance(data.get(key), str):
            data[key] = [data[key]]
    import html as html_module

    return {k: (html_module.unescape(v) if isinstance(v, str) else v) for k, v in data.items()}


def open_form(client, resource, language):
    response = client.get(f"/{language}/r/{resource.translation_key}/suggest/")
    assert response.status_code == 200
    return form_values(response.content.decode())


# --- Suggest a correction ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_licence_fix_is_stored_as_only_what_changed_and_a_curator_publishes_it(
    language, member_client, member, resource, curator_client
):
    page = page_in(resource, language)
    html = member_client.get(page.url).content.decode()
    assert f"/{language}/r/{resource.translation_key}/suggest/" in html  # the link is offered

    data = open_form(member_client, resource, language)
    assert data["title_en"] == "Holistic Security Manual"  # prefilled
    assert data["license"] == "CC-BY-4.0"
    data.update(
        license="CC-BY-SA-4.0",
        license_evidence="https://publisher.example.org/about/licence",
        reason="The publisher's licence page says share-alike.",
    )
    response = member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(member=member)
    assert suggestion.changes == {
        "license": "CC-BY-SA-4.0",
        "license_evidence": "https://publisher.example.org/about/licence",
    }
    assert suggestion.original["license"] == "CC-BY-4.0"
    assert set(suggestion.base_revisions) == {"en", "ar"}

    queue = curator_client.get("/admin/curation/suggestions/").content.decode()
    assert "CC BY 4.0" in queue or "Attribution 4.0" in queue or "نسب" in queue
    assert f'id="suggestion-{suggestion.pk}"' in queue
    response = curator_client.post(
        "/admin/curation/suggestions/", {"suggestion": suggestion.pk, "action": "accept"}
    )
    assert response.status_code == 302
    for code in ("en", "ar"):
        live = page_in(resource, code)
        assert live.license == "CC-BY-SA-4.0"
        assert live.license_evidence == "https://publisher.example.org/about/licence"
        assert not live.has_unpublished_changes
    assert "by-sa/4.0" in member_client.get(page_in(resource, language).url).content.decode()
    credit = PageLogEntry.objects.filter(
        page=page_in(resource, "en"), action="community.suggestion_accepted"
    ).get()
    # Not opted in to credit by name: the history says "a member", never the username.
    assert credit.data["credit"] is None
    history = curator_client.get(f"/admin/pages/{page_in(resource, 'en').pk}/history/")
    assert "طُبّق اقتراح من أحد الأعضاء" in history.content.decode()  # the admin speaks Arabic
    assert member.username not in history.content.decode()
    mine = member_client.get(f"/{language}/my/suggestions/").content.decode()
    assert 'data-state="accepted"' in mine


@pytest.mark.django_db
def test_accepted_text_change_credits_a_member_who_chose_to_be_named(
    member_client, member, resource, curator_client
):
    member.show_contributions = True
    member.display_name = "Rana the fact-checker"
    member.show_display_name = True
    member.save()
    data = open_form(member_client, resource, "ar")
    data.update(summary_ar="دليل شامل للأمن الرقمي والنفسي", reason="ملخص أدق")
    assert member_client.post(f"/ar/r/{resource.translation_key}/suggest/", data).status_code == 302
    suggestion = Suggestion.objects.get(member=member)
    assert suggestion.changes == {"summary_ar": "دليل شامل للأمن الرقمي والنفسي"}
    curator_client.post(
        "/admin/curation/suggestions/", {"suggestion": suggestion.pk, "action": "accept"}
    )
    arabic = page_in(resource, "ar")
    assert arabic.summary == "دليل شامل للأمن الرقمي والنفسي"
    assert page_in(resource, "en").summary == resource.summary  # the other language untouched
    entry = PageLogEntry.objects.get(page=arabic, action="community.suggestion_accepted")
    assert entry.data["credit"] == "Rana the fact-checker"
    history = curator_client.get(f"/admin/pages/{arabic.pk}/history/").content.decode()
    assert "Rana the fact-checker" in history
    # The contributor page lists the improved resource.
    page = member_client.get(f"/en/members/{member.username}/contributions/").content.decode()
    assert "Holistic Security Manual" in page


@pytest.mark.django_db
def test_a_page_with_a_draft_waiting_keeps_a_draft_with_the_accepted_change(
    member_client, member, resource, curator_client
):
    english = page_in(resource, "en")
    draft = english.get_latest_revision_as_object()
    draft.author = "Draft author"
    draft.save_revision()
    data = open_form(member_client, resource, "en")
    data.update(media_format="manual", reason="It is a manual")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    suggestion = Suggestion.objects.get(member=member)
    curator_client.post(
        "/admin/curation/suggestions/", {"suggestion": suggestion.pk, "action": "accept"}
    )
    english = page_in(resource, "en")
    assert english.media_format == "guide"  # not published over the waiting draft
    latest = english.get_latest_revision_as_object()
    assert (latest.media_format, latest.author) == ("manual", "Draft author")
    assert page_in(resource, "ar").media_format == "manual"  # no draft there: published


@pytest.mark.django_db
@pytest.mark.parametrize("language, message", [("en", "Give the member a reason"), ("ar", None)])
def test_a_rejection_reason_reaches_only_its_member(
    language, message, member_client, member, other_member, resource, curator_client, client
):
    data = open_form(member_client, resource, language)
    data.update(media_format="video", reason="video")
    member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    suggestion = Suggestion.objects.get(member=member)
    curator_client.post(
        "/admin/curation/suggestions/",
        {"suggestion": suggestion.pk, "action": "reject", "reason": "It is a written guide."},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.REJECTED
    assert page_in(resource, "en").media_format == "guide"
    mine = member_client.get(f"/{language}/my/suggestions/").content.decode()
    assert "It is a written guide." in mine
    client.force_login(other_member)
    theirs = client.get(f"/{language}/my/suggestions/").content.decode()
    assert "It is a written guide." not in theirs
    assert 'data-state="rejected"' not in theirs


@pytest.mark.django_db
def test_another_members_pending_suggestion_is_never_shown(
    member_client, member, other_member, resource, client
):
    data = open_form(member_client, resource, "en")
    data.update(summary_en="A secret correction only curators should read", reason="x")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    client.force_login(other_member)
    for url in (
        "/en/my/suggestions/",
        "/ar/my/suggestions/",
        page_in(resource, "en").url,
        "/admin/curation/suggestions/",
    ):
        assert b"A secret correction" not in client.get(url, follow=True).content


@pytest.mark.django_db
def test_only_curators_accept(member_client, member, resource, translator_client, client):
    data = open_form(member_client, resource, "en")
    data.update(license="CC0-1.0", license_evidence="https://publisher.example.org/cc0", reason="x")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    suggestion = Suggestion.objects.get(member=member)
    attempt = {"suggestion": suggestion.pk, "action": "accept"}
    # The member themselves, a translator without curation rights, and a stranger.
    assert member_client.post("/admin/curation/suggestions/", attempt).status_code in (302, 403)
    # The admin answers a refusal by sending the user back to its dashboard.
    assert translator_client.post("/admin/curation/suggestions/", attempt).status_code in (302, 403)
    client.logout()
    assert client.post("/admin/curation/suggestions/", attempt).status_code == 302  # to login
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.PENDING
    assert page_in(resource, "en").license == "CC-BY-4.0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, field, value, message",
    [
        ("en", "source_url", "ftp://moved.example.org/", "Only web addresses starting with http"),
        ("ar", "source_url", "javascript:alert(1)", None),
        ("en", "license", "NOT-A-LICENCE", "Select a valid choice"),
        ("ar", "license", "NOT-A-LICENCE", "انتق خياراً صحيحاً"),
        ("en", "categories", "no-such-category", "Select a valid choice"),
        ("ar", "categories", "no-such-category", "انتق خياراً صحيحاً"),
        ("en", "license_evidence", "not a url", "Only web addresses starting with http"),
    ],
)
def test_bad_input_gets_a_message_in_the_members_language_and_keeps_what_was_typed(
    language, field, value, message, member_client, member, resource
):
    data = open_form(member_client, resource, language)
    data.update(summary_en="My improved English summary", reason="My careful reason")
    data[field] = [value] if field == "categories" else value
    if field == "license":
        data["license_evidence"] = "https://publisher.example.org/licence"
    response = member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    if message:
        assert message in html
    if language == "ar":
        assert (
            'lang="ar"' in html
            and "يرجى" in html
            or "صحح" in html
            or "انتق خياراً صحيحاً" in html
            or "عناوين" in html
        )
    assert "My improved English summary" in html and "My careful reason" in html
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_new_licence_needs_the_address_where_it_is_stated(language, member_client, resource):
    data = open_form(member_client, resource, language)
    data.update(license="CC-BY-NC-4.0", reason="NC")
    response = member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 200
    assert 'id="id_license_evidence"' in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_resource_changed_since_the_form_opened_is_shown_not_overwritten(
    language, member_client, member, resource
):
    data = open_form(member_client, resource, language)  # the member opens the form...
    # ...meanwhile a curator fixes the summary and publishes it.
    english = page_in(resource, "en")
    english.summary = "A curator's newer summary"
    english.save_revision().publish()
    data.update(license="CC-BY-SA-4.0", license_evidence="https://publisher.example.org/l")
    data["reason"] = "share-alike"
    response = member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="changed-meanwhile"' in html
    assert "A curator&#x27;s newer summary" in html or "A curator's newer summary" in html
    assert not Suggestion.objects.exists()
    # Sending the refreshed form again proposes only the member's change, and cannot undo
    # the curator's summary with the old text the form first showed.
    again = form_values(html)
    assert again["license"] == "CC-BY-SA-4.0"
    assert (
        member_client.post(f"/{language}/r/{resource.translation_key}/suggest/", again).status_code
        == 302
    )
    suggestion = Suggestion.objects.get(member=member)
    assert set(suggestion.changes) == {"license", "license_evidence"}


@pytest.mark.django_db
def test_a_forged_opened_token_cannot_hide_a_change(member_client, member, resource):
    data = open_form(member_client, resource, "en")
    english = page_in(resource, "en")
    english.summary = "Changed meanwhile"
    english.save_revision().publish()
    data["opened"] = data["opened"][:-3] + "abc"
    data.update(media_format="video", reason="x")
    response = member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    assert response.status_code == 200
    assert 'id="changed-meanwhile"' in response.content.decode() or "error-summary" in (
        response.content.decode()
    )
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_suggestions_are_rate_limited(settings, member_client, resource):
    settings.TASHARUK_MEMBERS = {**settings.TASHARUK_MEMBERS, "RATE_LIMITS": {"suggest": (2, 600)}}
    url = f"/en/r/{resource.translation_key}/suggest/"
    for _attempt in range(2):
        member_client.post(url, {"reason": "x"})
    assert member_client.post(url, {"reason": "x"}).status_code == 429


@pytest.mark.django_db
def test_signed_out_visitors_cannot_suggest(client, resource):
    response = client.post(f"/en/r/{resource.translation_key}/suggest/", {"reason": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Suggestion.objects.exists()


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
    assert 'id="members-proposals-panel"' in dashboard
    panel = dashboard[dashboard.index('id="members-proposals-panel"') :]
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


@pytest.mark.django_db
def test_curators_see_when_a_field_changed_after_the_member_proposed(
    member_client, member, resource, curator_client
):
    data = open_form(member_client, resource, "en")
    data.update(summary_en="The member's summary", reason="clearer")
    member_client.post(f"/en/r/{resource.translation_key}/suggest/", data)
    english = page_in(resource, "en")
    english.summary = "Another curator's summary"
    english.save_revision().publish()
    with translation.override("ar"):
        warning = translation.gettext("Changed since the member saw “%(value)s”") % {
            "value": "A practical guide for people who need it."
        }
    queue = curator_client.get("/admin/curation/suggestions/").content.decode()
    assert warning in queue
    assert "Another curator&#x27;s summary" in queue and "The member&#x27;s summary" in queue
