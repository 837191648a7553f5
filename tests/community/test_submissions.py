"""Submitting a resource: duplicates by URL (even at once) and by title, then moderation."""

import threading

import pytest
from django.db import connection
from wagtail.models import Locale

from community import fetcher as submissions_fetcher
from community import submission_status, submissions
from community.models import Submission
from library.models import CategoryPage, ResourcePage
from sitebuild.site_structure import ensure_site
from tests.factories import ResourcePageFactory

from .conftest import make_member


def data(url="https://newsite.example.org/guide", title="Encryption for newsrooms", **extra):
    return submissions.SubmissionData(
        url=url,
        primary_language=extra.pop("primary_language", "en"),
        titles=extra.pop("titles", {"en": title}),
        summaries=extra.pop("summaries", {"en": "How to encrypt."}),
        categories=list(
            CategoryPage.objects.filter(locale__language_code="en", slug="digital-security")
        ),
        **extra,
    )


@pytest.mark.django_db
def test_submission_creates_a_draft_in_review(member):
    submission = submissions.submit_resource(member, data())
    page = ResourcePage.objects.get(pk=submission.page_id)
    assert page.live is False
    assert submission_status.submission_status(submission).state == submission_status.IN_REVIEW


@pytest.mark.django_db
def test_same_url_in_another_form_is_already_here(member):
    existing = ResourcePageFactory(source_url="https://www.guides.example.org/a/?utm_source=x")
    with pytest.raises(submissions.DuplicateResource) as caught:
        submissions.submit_resource(member, data(url="http://guides.example.org/a"))
    assert caught.value.page.pk == existing.pk


@pytest.mark.django_db
def test_submit_page_says_already_here_with_a_link(member_client):
    existing = ResourcePageFactory(source_url="https://dupe.example.org/x", title="Old one")
    response = member_client.post(
        "/en/submit/",
        {
            "url": "https://dupe.example.org/x/",
            "primary_language": "en",
            "title_en": "New",
            "media_format": "guide",
            "license": "CC-BY-4.0",
        },
    )
    assert response.status_code == 200
    assert "This is already here." in response.content.decode()
    assert existing.url in response.content.decode()
    assert ResourcePage.objects.filter(normalized_url="https://dupe.example.org/x").count() == 1


@pytest.mark.django_db
def test_similar_titles_in_either_language_are_listed(arabic):
    english = ResourcePageFactory(title="Digital Security Guide for Journalists")
    from library.translations import translate

    translate(english, arabic, fields={"title": "دليل الأمن الرقمي للصحفيين"})
    found = [page for _s, page in submissions.similar_titles(["digital security guide"], "en")]
    assert english.pk in [p.pk for p in found]
    # Arabic spelled with a different hamza/ta marbuta still matches; shown in Arabic.
    found_ar = submissions.similar_titles(["دليل الامن الرقمى"], "ar")
    assert [p.title for _s, p in found_ar] == ["دليل الأمن الرقمي للصحفيين"]


@pytest.mark.django_db
def test_similar_titles_must_be_acknowledged_before_submitting(member_client):
    ResourcePageFactory(title="Mobile Safety Handbook")
    form = {
        "url": "https://other.example.org/mobile",
        "primary_language": "en",
        "title_en": "Mobile Safety Handbook 2024",
        "media_format": "guide",
        "license": "CC-BY-4.0",
    }
    response = member_client.post("/en/submit/", form)
    assert "Mobile Safety Handbook" in response.content.decode()
    assert not Submission.objects.exists()
    response = member_client.post("/en/submit/", {**form, "not_a_duplicate": "on"})
    assert response.status_code == 302
    assert Submission.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_members_submitting_the_same_url_at_once_create_one_resource():
    ensure_site()
    members = [make_member("racer-a"), make_member("racer-b")]
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(member, variant):
        try:
            barrier.wait()
            submissions.submit_resource(
                member, data(url=variant, title=f"Same thing {member.username}")
            )
            outcomes.append("created")
        except submissions.DuplicateResource:
            outcomes.append("duplicate")
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [
        threading.Thread(target=submit, args=(members[0], "https://race.example.org/doc")),
        threading.Thread(target=submit, args=(members[1], "http://www.race.example.org/doc/")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "duplicate"]
    assert ResourcePage.objects.filter(normalized_url="https://race.example.org/doc").count() == 1


@pytest.mark.django_db
def test_curator_approval_publishes_and_my_submissions_says_so(member, member_client, arabic):
    from django.contrib.auth.models import Group
    from django.core import mail

    member.email = "member@example.org"
    member.save()
    submission = submissions.submit_resource(
        member,
        data(
            titles={"en": "Source protection", "ar": "حماية المصادر"},
            summaries={"en": "Keep sources safe.", "ar": "حافظ على مصادرك."},
        ),
    )
    assert "In review" in member_client.get("/en/my/submissions/").content.decode()

    curator = make_member("curator")
    curator.is_staff = True
    curator.save()
    curator.groups.add(Group.objects.get(name="Moderators"))
    page = ResourcePage.objects.get(pk=submission.page_id)
    task_state = page.current_workflow_task_state
    assert task_state is not None
    task_state.approve(user=curator)

    page.refresh_from_db()
    assert page.live is True
    arabic_page = page.get_translation(arabic)
    assert arabic_page.live and arabic_page.title == "حماية المصادر"
    response = member_client.get("/en/my/submissions/")
    html = response.content.decode()
    assert 'data-state="published"' in html
    assert "is now in the library" in html  # the one-time notice
    ours = [m for m in mail.outbox if m.subject.startswith("Your submission is published")]
    assert len(ours) == 1 and "Source protection" in ours[0].subject
    assert ours[0].to == ["member@example.org"]


@pytest.mark.django_db
def test_curator_asking_for_changes_shows_the_comment(member, member_client):
    submission = submissions.submit_resource(member, data(url="https://changes.example.org/"))
    page = ResourcePage.objects.get(pk=submission.page_id)
    page.current_workflow_task_state.reject(user=None, comment="Please add the licence.")
    html = member_client.get("/en/my/submissions/").content.decode()
    assert "Needs changes" in html
    assert "Please add the licence." in html


@pytest.mark.django_db
def test_submit_form_submits_in_arabic(member_client):
    response = member_client.post(
        "/ar/submit/",
        {
            "url": "https://arabic.example.org/guide",
            "primary_language": "ar",
            "title_ar": "دليل السلامة الرقمية للناشطات",
            "summary_ar": "ملخص",
            "media_format": "guide",
            "license": "CC-BY-SA-4.0",
            "languages": ["ar"],
            "regions": ["mena"],
        },
    )
    assert response.status_code == 302
    page = Submission.objects.get().page
    assert page.locale == Locale.objects.get(language_code="ar")
    assert page.license == "CC-BY-SA-4.0"


@pytest.mark.django_db
def test_bookmarklet_prefills_the_form(member_client):
    response = member_client.get(
        "/en/submit/",
        {"url": "https://bm.example.org/p", "title": "Page title", "text": "Selected words"},
    )
    html = response.content.decode()
    assert 'value="https://bm.example.org/p"' in html
    assert 'value="Page title"' in html
    assert "Selected words" in html
    assert "javascript:(function()" in html


@pytest.mark.django_db
def test_fetching_a_private_address_says_so_and_does_not_hang(member_client):
    response = member_client.post(
        "/en/submit/", {"url": "http://169.254.169.254/latest/", "fetch": "1"}
    )
    assert response.status_code == 200
    assert "private or local network" in response.content.decode()
    json = member_client.get("/en/submit/fetch/", {"url": "http://10.0.0.1/"}).json()
    assert "private or local network" in json["error"]


@pytest.mark.django_db
def test_signed_out_visitors_cannot_submit(client):
    response = client.get("/en/submit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _no_fetch(monkeypatch):
    """The duplicate check runs with the fetch failing, so these tests need no network."""

    def fail(url, fetcher=None):
        raise submissions_fetcher.FetchFailed("The site could not be reached.")

    monkeypatch.setattr(submissions_fetcher, "fetch_details", fail)


@pytest.mark.django_db
def test_similar_titles_never_list_drafts_or_unpublished_pages(member_client, monkeypatch):
    _no_fetch(monkeypatch)
    draft = ResourcePageFactory(title="Whistleblower Drop Setup Notes", slug="secret-slug")
    draft.unpublish()
    assert submissions.similar_titles(["Whistleblower Drop Setup Notes"], "en") == []
    json = member_client.get(
        "/en/submit/fetch/",
        {"url": "https://elsewhere.example.org/", "title": "Whistleblower Drop Setup Notes"},
    ).json()
    assert json["similar"] == []
    live = ResourcePageFactory(title="Whistleblower Drop Setup Guide")
    found = submissions.similar_titles(["Whistleblower Drop Setup Notes"], "en")
    assert [page.pk for _score, page in found] == [live.pk]


@pytest.mark.django_db
def test_a_url_in_review_is_a_duplicate_without_revealing_the_draft(
    member, other_member, client, monkeypatch
):
    _no_fetch(monkeypatch)
    submissions.submit_resource(
        member, data(url="https://pending.example.org/doc", title="Confidential draft title")
    )
    pending = submissions.existing_resource("http://www.pending.example.org/doc/", "en")
    assert isinstance(pending, submissions.PendingResource)
    assert pending.title == "" and pending.url == ""

    client.force_login(other_member)
    response = client.get("/en/submit/fetch/", {"url": "https://pending.example.org/doc"})
    assert response.json()["duplicate"] == {
        "title": "This address is already in the library or waiting for review.",
        "url": "",
        "pending": True,
    }
    assert "Confidential" not in response.content.decode()
    assert "confidential-draft-title" not in response.content.decode()

    form = {
        "url": "https://pending.example.org/doc",
        "primary_language": "en",
        "title_en": "My own title",
        "media_format": "guide",
        "license": "CC-BY-4.0",
    }
    html = client.post("/en/submit/", form).content.decode()
    assert "This address is already in the library or waiting for review." in html
    assert "Confidential" not in html and "confidential-draft-title" not in html
    assert Submission.objects.count() == 1  # the duplicate is still refused
    with pytest.raises(submissions.DuplicateResource):
        submissions.submit_resource(other_member, data(url="https://pending.example.org/doc"))


@pytest.mark.django_db
def test_a_published_duplicate_is_still_named_and_linked(member_client, monkeypatch):
    _no_fetch(monkeypatch)
    existing = ResourcePageFactory(source_url="https://known.example.org/", title="Known guide")
    json = member_client.get("/en/submit/fetch/", {"url": "https://known.example.org"}).json()
    assert json["duplicate"] == {"title": "Known guide", "url": existing.url, "pending": False}


def _reject(submission, comment="Please add the licence."):
    page = ResourcePage.objects.get(pk=submission.page_id)
    page.current_workflow_task_state.reject(user=None, comment=comment)


@pytest.mark.django_db
def test_my_submissions_needs_no_more_queries_for_more_rows(
    member, member_client, django_assert_max_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    _reject(submissions.submit_resource(member, data(url="https://q0.example.org/")))
    member_client.get("/en/my/submissions/")
    reset_queries()  # the query log is capped; a full one makes captures read as empty
    with CaptureQueriesContext(connection) as one_row:
        assert member_client.get("/en/my/submissions/").status_code == 200
    baseline = len(one_row)  # read now: reset_queries() below empties the log

    submissions.submit_resource(member, data(url="https://q1.example.org/", title="Other one"))
    submissions.submit_resource(member, data(url="https://q2.example.org/", title="Third one"))
    _reject(submissions.submit_resource(member, data(url="https://q3.example.org/", title="Four")))
    published = submissions.submit_resource(
        member, data(url="https://q4.example.org/", title="Fifth one")
    )
    ResourcePage.objects.get(pk=published.page_id).save_revision().publish()
    member_client.get("/en/my/submissions/")  # marks the publication as seen
    reset_queries()
    with django_assert_max_num_queries(baseline):
        html = member_client.get("/en/my/submissions/").content.decode()
    assert html.count('data-state="needs_changes"') == 2
    assert html.count('data-state="in_review"') == 2
    assert html.count('data-state="published"') == 1
    assert html.count("Please add the licence.") == 2
