"""Members who saved a tool, or follow something holding it, are told when it is marked
unsafe: on their own pages until they dismiss the notice (once per status change), and in
their digest."""

import html
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from community import digests
from community.models import Collection, CollectionItem, Follow, MemberChoices
from safety.models import ToolStatus
from safety.statuses import set_status

from .conftest import NOTE_AR, NOTE_EN, soup

pytestmark = pytest.mark.django_db


def member_named(name):
    return get_user_model().objects.create_user(name, password="a long passphrase 42")


def saved(member, page, public=False):
    collection = Collection.objects.create(owner=member, name="Kit", is_public=public)
    CollectionItem.objects.create(collection=collection, translation_key=page.translation_key)
    return collection


def notices(client, language, path="my/library/"):
    return soup(client.get(f"/{language}/{path}")).select(".tool-warning-notice")


@pytest.mark.parametrize(("language", "note"), [("en", NOTE_EN), ("ar", NOTE_AR)])
def test_a_member_with_the_tool_saved_sees_the_notice_until_dismissed(
    client, tool, alternative, curator, language, note
):
    member = member_named("saver")
    saved(member, tool)
    client.force_login(member)
    assert notices(client, language) == []
    set_status(tool, "unsafe", note_en=NOTE_EN, note_ar=NOTE_AR, alternative=alternative)
    (notice,) = notices(client, language)
    assert note in notice.text
    assert notice.select_one("a")["href"].startswith(f"/{language}/library/leaky-chat")
    form = notice.select_one("form")
    response = client.post(form["action"], {"next": f"/{language}/my/library/"})
    assert response.status_code == 302 and response["Location"] == f"/{language}/my/library/"
    assert notices(client, language) == []
    # Dismissing twice is harmless; a new status change notifies again.
    assert client.post(form["action"]).status_code == 302
    set_status(tool, "unmaintained", note_en="Abandoned.", note_ar="متروكة.")
    (again,) = notices(client, language)
    assert ("Abandoned." if language == "en" else "متروكة.") in again.text


def test_a_follower_of_a_public_collection_holding_it_sees_the_notice(client, tool):
    owner, follower, stranger = member_named("owner"), member_named("follower"), member_named("x")
    collection = saved(owner, tool, public=True)
    Follow.objects.create(
        member=follower, kind="collection", target=str(collection.pk), collection=collection
    )
    set_status(tool, "unsafe", note_en=NOTE_EN, note_ar=NOTE_AR)
    client.force_login(follower)
    (notice,) = notices(client, "en")
    assert "in something you follow" in notice.text
    client.force_login(stranger)
    assert notices(client, "en") == []


def test_a_follower_of_the_tools_category_sees_the_notice(client, tool):
    from library.models import CategoryPage

    tool.categories.add(CategoryPage.objects.get(slug="privacy", locale__language_code="en"))
    tool.save_revision().publish()
    follower = member_named("follower")
    Follow.objects.create(member=follower, kind="category", target="privacy", label="Privacy")
    set_status(tool, "unsafe", note_en=NOTE_EN, note_ar=NOTE_AR)
    client.force_login(follower)
    assert len(notices(client, "ar")) == 1


def test_dismissing_needs_a_signed_in_member_and_a_post(client, tool):
    status = set_status(tool, "unsafe", note_en=NOTE_EN, note_ar=NOTE_AR)
    url = f"/en/my/tool-warnings/{status.pk}/dismiss/"
    assert client.post(url).status_code == 302  # to sign in
    client.force_login(member_named("someone"))
    assert client.get(url).status_code == 405
    assert client.post(url + "?next=https://evil.example/").status_code == 302
    response = client.post(url, {"next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]
    assert client.post("/en/my/tool-warnings/999999/dismiss/").status_code == 302


@pytest.mark.parametrize(("language", "note"), [("en", NOTE_EN), ("ar", NOTE_AR)])
def test_the_digest_carries_the_notice_once(settings, tool, language, note):
    settings.WAGTAILADMIN_BASE_URL = "https://tasharuk.example.org"
    member = member_named("digest")
    EmailAddress.objects.create(
        user=member, email="digest@example.org", verified=True, primary=True
    )
    saved(member, tool)
    Follow.objects.create(member=member, kind="category", target="privacy", label="Privacy")
    start = timezone.now() - timedelta(days=1)
    MemberChoices.objects.create(
        member=member, frequency=MemberChoices.DAILY, language=language, digest_since=start
    )
    set_status(tool, "unsafe", note_en=NOTE_EN, note_ar=NOTE_AR)
    assert digests.send_due_digests(start + timedelta(days=1, hours=1)) == 1
    message = mail.outbox[0]
    assert note in message.body and note in html.unescape(message.alternatives[0][0])
    assert "https://tasharuk.example.org/" in message.body
    # The next digest does not repeat it.
    assert digests.send_due_digests(start + timedelta(days=2, hours=2)) == 0
    assert ToolStatus.objects.count() == 1
