"""Members suggest corrections to resources and curators review them — over HTTP, in both
languages, the way members, curators and attackers use them (problem reports and volunteer
translations: test_problem_reports_and_translations.py)."""

import pytest
from django.utils import translation
from wagtail.models import PageLogEntry

from community.models import Suggestion

from .proposals import form_values, open_form, page_in

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
