"""Regressions for the members' side of the outside probes (issue 8), over HTTP: pages name a
member only as the member allows, deleting contributions withdraws pending submissions, and
an approved comment cannot be edited past review."""

import pytest
from django.test import Client, override_settings
from wagtail.models import Page, WorkflowState

from community import collections as personal_library
from community import submissions
from community.models import Comment, Submission
from library.models import ResourcePage

from .conftest import make_member
from .test_submissions import data

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 42"


def public_collection(owner, **choices):
    for name, value in choices.items():
        setattr(owner, name, value)
    owner.save()
    collection = personal_library.default_collection(owner)
    collection.is_public = True
    collection.name = "Reading list"
    collection.save()
    return collection


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_public_collection_does_not_name_an_owner_who_chose_not_to_be_shown(lang):
    owner = make_member("hidden_owner")
    collection = public_collection(owner, show_collections=False)
    page = Client().get(f"/{lang}/collections/{collection.pk}/").content.decode()
    assert "Reading list" in page
    assert "hidden_owner" not in page
    assert Client().get(f"/api/v1/collections/{collection.pk}/").json()["owner"] is None


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_member_who_shows_collections_is_named_as_they_chose(lang):
    owner = make_member("shown_owner")
    owner.display_name = "Trainer Salma"
    collection = public_collection(owner, show_collections=True, show_display_name=True)
    page = Client().get(f"/{lang}/collections/{collection.pk}/").content.decode()
    assert "Trainer Salma" in page and "shown_owner" not in page
    listing = Client().get(f"/{lang}/members/shown_owner/collections/").content.decode()
    assert "Trainer Salma" in listing
    assert Client().get(f"/api/v1/collections/{collection.pk}/").json()["owner"] == "Trainer Salma"


def delete_account(client, mode):
    response = client.post("/en/accounts/me/delete/", {"contributions": mode, "confirm": "on"})
    if "/accounts/reauthenticate/" in response.url:
        client.post(response.url, {"password": PASSWORD})
        response = client.post("/en/accounts/me/delete/", {"contributions": mode, "confirm": "on"})
    assert response.status_code == 302


def test_deleting_contributions_withdraws_submissions_waiting_for_review():
    member = make_member("submitter")
    pending = submissions.submit_resource(member, data(url="https://pending.example.org/guide"))
    key = pending.translation_key
    assert WorkflowState.objects.active().filter(object_id=str(pending.page_id)).exists()
    client = Client()
    client.login(username="submitter", password=PASSWORD)
    delete_account(client, "delete")
    assert not ResourcePage.objects.filter(translation_key=key).exists()
    assert not Page.objects.filter(translation_key=key).exists()
    assert not WorkflowState.objects.filter(object_id=str(pending.page_id)).exists()
    assert not Submission.objects.filter(translation_key=key).exists()
    # The URL is free for someone else to submit.
    other = make_member("someone_else")
    submissions.submit_resource(other, data(url="https://pending.example.org/guide"))


def test_keeping_contributions_keeps_the_pending_submission_without_its_member():
    member = make_member("keeper")
    pending = submissions.submit_resource(member, data(url="https://kept.example.org/guide"))
    client = Client()
    client.login(username="keeper", password=PASSWORD)
    delete_account(client, "anonymise")
    kept = Submission.objects.get(pk=pending.pk)
    assert kept.member is None and ResourcePage.objects.filter(pk=pending.page_id).exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
@override_settings(TASHARUK_MEMBERS={"HOLD_FIRST_COMMENTS": 1, "COMMENT_EDIT_MINUTES": 15})
def test_editing_an_approved_first_comment_sends_it_back_to_review(resource, lang):
    member = make_member()
    author = Client()
    author.force_login(member)
    key = resource.translation_key
    author.post(f"/{lang}/r/{key}/comment/", {"body": "Harmless first words"})
    comment = Comment.objects.get()
    assert comment.status == Comment.HELD
    comment.status = Comment.PUBLISHED  # a curator approves it
    comment.save()
    author.post(f"/{lang}/comments/{comment.pk}/edit/", {"body": "Something else entirely"})
    comment.refresh_from_db()
    assert comment.status == Comment.HELD
    page = resource.get_translation(resource.locale.__class__.objects.get(language_code=lang))
    assert "Something else entirely" not in Client().get(page.url).content.decode()


@override_settings(TASHARUK_MEMBERS={"HOLD_FIRST_COMMENTS": 1, "COMMENT_EDIT_MINUTES": 15})
def test_trusted_members_edits_stay_published(resource):
    member = make_member()
    Comment.objects.create(
        author=member, translation_key=resource.translation_key, body="old", status="published"
    )
    author = Client()
    author.force_login(member)
    author.post(f"/en/r/{resource.translation_key}/comment/", {"body": "Second"})
    second = Comment.objects.get(body="Second")
    assert second.status == Comment.PUBLISHED
    author.post(f"/en/comments/{second.pk}/edit/", {"body": "Second, corrected"})
    second.refresh_from_db()
    assert second.status == Comment.PUBLISHED and second.body == "Second, corrected"
