"""Shared collections over HTTP, in both languages: invitations, co-editing, leaving and
removal, credit by public_name, the activity list, features on the home and category pages,
and the member's data."""

import pytest
from django.test import Client
from django.utils import translation

from community import collections, sharing
from community.models import (
    Collection,
    CollectionEditor,
    CollectionItem,
    FeaturedCollection,
    MemberChoices,
)
from library.models import CategoryPage
from tests.community.conftest import make_member
from tests.factories import ResourcePageFactory
from users import data_export, deletion


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def arabic(message):
    with translation.override("ar"):
        shown = translation.gettext(message)
    assert shown != message, f"{message!r} has no Arabic translation"
    return shown


@pytest.fixture
def owner(db):
    return make_member("amal")


@pytest.fixture
def invitee(db):
    return make_member("basel")


@pytest.fixture
def shared(owner):
    return Collection.objects.create(owner=owner, name="Field kit", is_public=True)


def invite(client, collection, username, lang="en"):
    return client.post(
        f"/{lang}/collections/{collection.pk}/editors/",
        {"action": "invite", "username": username},
        follow=True,
    )


def accept(client, lang="en"):
    row = CollectionEditor.objects.filter(status=CollectionEditor.INVITED).latest("pk")
    return client.post(
        f"/{lang}/my/invitations/", {"invitation": row.pk, "answer": "accept"}, follow=True
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_owner_invites_and_the_invitee_accepts_then_adds_an_item(
    lang, owner, invitee, shared, resource
):
    amal, basel = signed_in(owner), signed_in(invitee)
    response = invite(amal, shared, "basel", lang)
    assert response.status_code == 200
    if lang == "ar":
        assert arabic("Invitation sent. It waits on the member's own “Invitations” page.") in (
            response.content.decode()
        )
    # Not an editor yet: the invitation alone gives no right to edit.
    denied = basel.post(f"/{lang}/r/{resource.translation_key}/save/", {"collection": shared.pk})
    assert denied.status_code == 404 and not shared.items.exists()
    page = basel.get(f"/{lang}/my/invitations/").content.decode()
    assert "Field kit" in page
    response = accept(basel, lang)
    assert response.redirect_chain[-1][0] == f"/{lang}/collections/{shared.pk}/"
    basel.post(f"/{lang}/r/{resource.translation_key}/save/", {"collection": shared.pk})
    item = shared.items.get()
    assert item.added_by == invitee
    # Amal sees who added it (Basel shows his collections, so he is named).
    invitee.show_collections = True
    invitee.save()
    html = amal.get(f"/{lang}/collections/{shared.pk}/").content.decode()
    assert "basel" in html
    if lang == "ar":
        assert "دليل الأمن الشامل" in html


@pytest.mark.django_db
def test_who_added_an_item_follows_the_public_name_rule(owner, invitee, shared, resource):
    CollectionEditor.objects.create(
        collection=shared, member=invitee, status=CollectionEditor.ACTIVE
    )
    collections.save_resource(invitee, resource.translation_key, shared)
    visitor = Client()
    html = visitor.get(f"/en/collections/{shared.pk}/").content.decode()
    assert "basel" not in html  # he did not choose to show his collections
    assert "Added by a member" in html
    invitee.display_name, invitee.show_display_name, invitee.show_collections = "B.", True, True
    invitee.save()
    html = visitor.get(f"/en/collections/{shared.pk}/").content.decode()
    assert "Added by B." in html and "basel" not in html


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_inviting_nobody_or_a_hidden_member_gets_one_clear_answer(lang, owner, shared):
    hidden = make_member("hidden_one")
    MemberChoices.objects.create(member=hidden, accepts_invitations=False)
    inactive = make_member("gone_one")
    inactive.is_active = False
    inactive.save()
    amal = signed_in(owner)
    answers = []
    for name in ("no_such_member", "hidden_one", "gone_one"):
        response = amal.post(
            f"/{lang}/collections/{shared.pk}/editors/", {"action": "invite", "username": name}
        )
        assert response.status_code == 400
        text = response.content.decode()
        answers.append(text.replace(name, "NAME"))
        assert name in text  # what was typed is kept in the form
    expected = "No member called “%(username)s” can be invited. Check the spelling."
    message = arabic(expected) if lang == "ar" else expected
    # One and the same answer: nothing tells a hidden member from a missing one.
    assert all((message % {"username": "NAME"}) in answer for answer in answers)
    assert not CollectionEditor.objects.exists()


@pytest.mark.django_db
def test_a_declined_invitation_cannot_be_sent_again(owner, invitee, shared):
    amal, basel = signed_in(owner), signed_in(invitee)
    invite(amal, shared, "basel")
    row = CollectionEditor.objects.get()
    basel.post("/ar/my/invitations/", {"invitation": row.pk, "answer": "decline"})
    row.refresh_from_db()
    assert row.status == CollectionEditor.DECLINED
    response = amal.post(
        f"/ar/collections/{shared.pk}/editors/", {"action": "invite", "username": "basel"}
    )
    assert response.status_code == 400
    assert (
        arabic("This member declined an earlier invitation; it cannot be sent again.")
        in response.content.decode()
    )
    # Answering twice is refused as well, and changes nothing.
    response = basel.post(
        "/en/my/invitations/", {"invitation": row.pk, "answer": "accept"}, follow=True
    )
    assert "already answered or withdrawn" in response.content.decode()
    row.refresh_from_db()
    assert row.status == CollectionEditor.DECLINED


@pytest.mark.django_db
def test_only_the_invitee_answers_and_only_the_owner_invites(owner, invitee, shared):
    stranger = make_member("stranger")
    invite(signed_in(owner), shared, "basel")
    row = CollectionEditor.objects.get()
    response = signed_in(stranger).post(
        "/en/my/invitations/", {"invitation": row.pk, "answer": "accept"}
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.status == CollectionEditor.INVITED
    accept(signed_in(invitee))
    # An editor cannot invite others nor see the editors list's controls.
    response = signed_in(invitee).post(
        f"/en/collections/{shared.pk}/editors/", {"action": "invite", "username": "stranger"}
    )
    assert response.status_code == 404
    assert not CollectionEditor.objects.filter(member=stranger).exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_editors_reorder_annotate_and_remove_and_the_activity_says_so(lang, owner, invitee, shared):
    first, second = ResourcePageFactory(), ResourcePageFactory()
    CollectionEditor.objects.create(
        collection=shared, member=invitee, status=CollectionEditor.ACTIVE
    )
    a, _ = collections.save_resource(owner, first.translation_key, shared)
    b, _ = collections.save_resource(owner, second.translation_key, shared)
    basel = signed_in(invitee)
    basel.post(f"/{lang}/collections/items/{b.pk}/", {"action": "up"})
    order = list(shared.items.values_list("translation_key", flat=True))
    assert order == [second.translation_key, first.translation_key]
    basel.post(f"/{lang}/collections/items/{a.pk}/", {"action": "note", "note": "Chapter 4"})
    assert CollectionItem.objects.get(pk=a.pk).note == "Chapter 4"
    basel.post(f"/{lang}/collections/items/{a.pk}/", {"action": "remove"})
    assert list(shared.items.values_list("pk", flat=True)) == [b.pk]
    html = signed_in(owner).get(f"/{lang}/collections/{shared.pk}/").content.decode()
    for verb in ("reordered a resource", "annotated a resource", "removed a resource"):
        assert (arabic(verb) if lang == "ar" else verb) in html
    # Editors' notes stay among editors.
    assert "Chapter 4" not in Client().get(f"/{lang}/collections/{shared.pk}/").content.decode()


@pytest.mark.parametrize("how", ["left", "removed"])
@pytest.mark.django_db
def test_a_former_editors_post_is_refused_with_a_reason_and_keeps_their_text(
    how, owner, invitee, shared, resource
):
    CollectionEditor.objects.create(
        collection=shared, member=invitee, status=CollectionEditor.ACTIVE
    )
    item, _ = collections.save_resource(owner, resource.translation_key, shared)
    basel = signed_in(invitee)
    if how == "left":
        basel.post(f"/en/collections/{shared.pk}/editors/", {"action": "leave"})
    else:
        row = CollectionEditor.objects.get(member=invitee)
        signed_in(owner).post(
            f"/en/collections/{shared.pk}/editors/", {"action": "remove", "editor": row.pk}
        )
    assert CollectionEditor.objects.get(member=invitee).status == how
    response = basel.post(
        f"/ar/collections/items/{item.pk}/", {"action": "note", "note": "ملاحظتي الطويلة"}
    )
    assert response.status_code == 403
    text = response.content.decode()
    assert "ملاحظتي الطويلة" in text  # shown back, not lost
    assert (
        arabic("You are no longer an editor of “%(collection)s”, so your change was not saved.")
        % {"collection": "Field kit"}
        in text
    )
    assert CollectionItem.objects.get(pk=item.pk).note == ""
    for action in ("remove", "up"):
        response = basel.post(f"/en/collections/items/{item.pk}/", {"action": action})
        assert response.status_code == 403
    assert shared.items.count() == 1
    response = basel.post(
        f"/en/r/{ResourcePageFactory().translation_key}/save/",
        {"collection": shared.pk},
        follow=True,
    )
    assert "no longer an editor" in response.content.decode()
    assert shared.items.count() == 1


@pytest.mark.django_db
def test_a_stranger_learns_nothing_about_a_private_collection(owner, resource):
    private = Collection.objects.create(owner=owner, name="Private plans")
    item, _ = collections.save_resource(owner, resource.translation_key, private)
    stranger = signed_in(make_member("nosy"))
    assert stranger.get(f"/en/collections/{private.pk}/").status_code == 404
    assert stranger.get(f"/en/collections/{private.pk}/editors/").status_code == 404
    assert (
        stranger.post(f"/en/collections/items/{item.pk}/", {"action": "remove"}).status_code == 404
    )
    assert private.items.count() == 1


@pytest.mark.django_db
def test_a_private_shared_collection_is_visible_to_its_editors_only(owner, invitee, resource):
    private = Collection.objects.create(owner=owner, name="Private plans")
    CollectionEditor.objects.create(
        collection=private, member=invitee, status=CollectionEditor.ACTIVE
    )
    assert signed_in(invitee).get(f"/ar/collections/{private.pk}/").status_code == 200
    assert Client().get(f"/ar/collections/{private.pk}/").status_code == 404
    # The resource page offers the shared collection to save into.
    html = signed_in(invitee).get(resource.url).content.decode()
    assert "Private plans" in html


@pytest.mark.django_db
def test_invitations_are_rate_limited(owner, settings):
    settings.TASHARUK_MEMBERS = {**settings.TASHARUK_MEMBERS, "RATE_LIMITS": {"invite": (2, 600)}}
    collection = Collection.objects.create(owner=owner, name="Kit")
    for name in ("one", "two", "three"):
        make_member(name)
    amal = signed_in(owner)
    statuses = [
        amal.post(
            f"/en/collections/{collection.pk}/editors/", {"action": "invite", "username": name}
        ).status_code
        for name in ("one", "two", "three")
    ]
    assert statuses == [302, 302, 429]
    assert CollectionEditor.objects.count() == 2


@pytest.mark.django_db
def test_curators_feature_public_collections_on_home_and_category_pages(owner, resource):
    kit = Collection.objects.create(owner=owner, name="Starter kit", is_public=True)
    collections.save_resource(owner, resource.translation_key, kit)
    feature = FeaturedCollection.objects.create(collection=kit, on_home_page=True)
    privacy = CategoryPage.objects.get(slug="privacy", locale__language_code="en")
    feature.categories.add(privacy)
    for lang in ("en", "ar"):
        home = Client().get(f"/{lang}/").content.decode()
        assert "Starter kit" in home
        category = Client().get(f"/{lang}/categories/privacy/").content.decode()
        assert "Starter kit" in category
        heading = "Curated by members"
        assert (arabic(heading) if lang == "ar" else heading) in category
    other = Client().get("/en/categories/surveillance/").content.decode()
    assert "Starter kit" not in other
    kit.is_public = False  # made private: gone everywhere at once
    kit.save()
    assert "Starter kit" not in Client().get("/en/categories/privacy/?page=1").content.decode()
    from community.featured import featured_collections

    assert featured_collections() == [] and featured_collections(privacy) == []


@pytest.mark.django_db
def test_download_and_deletion_cover_invitations_and_shared_items(owner, invitee, shared):
    resource = ResourcePageFactory()
    CollectionEditor.objects.create(
        collection=shared, member=invitee, status=CollectionEditor.ACTIVE
    )
    collections.save_resource(invitee, resource.translation_key, shared)
    data = data_export.export_user_data(invitee)
    assert data["collection_invitations_received"][0]["status"] == "active"
    assert data["items_added_to_shared_collections"][0]["resource"] == str(resource.translation_key)
    sent = data_export.export_user_data(owner)["collection_invitations_sent"]
    assert sent[0]["member"] == "basel"
    deletion.delete_account(invitee, deletion.ANONYMISE)
    item = shared.items.get()
    assert item.added_by is None  # kept, without a name
    assert (
        "Added by a former member" in Client().get(f"/en/collections/{shared.pk}/").content.decode()
    )
    assert not CollectionEditor.objects.exists()


@pytest.mark.django_db
def test_deleting_with_contributions_removes_items_added_to_others_collections(
    owner, invitee, shared
):
    resource = ResourcePageFactory()
    CollectionEditor.objects.create(
        collection=shared, member=invitee, status=CollectionEditor.ACTIVE
    )
    collections.save_resource(invitee, resource.translation_key, shared)
    deletion.delete_account(invitee, deletion.DELETE)
    assert not shared.items.exists()
    assert Collection.objects.filter(pk=shared.pk).exists()


@pytest.mark.django_db
def test_sharing_services_refuse_what_the_views_refuse(owner, invitee, shared):
    with pytest.raises(sharing.SharingRefused):
        sharing.invite(owner, shared, "amal")
    with pytest.raises(sharing.SharingRefused):
        sharing.invite(owner, shared, "   ")
    with pytest.raises(sharing.SharingRefused):
        sharing.invite(owner, collections.default_collection(owner), "basel")
    sharing.invite(owner, shared, "@Basel")  # case and a leading @ do not matter
    with pytest.raises(sharing.SharingRefused):
        sharing.invite(owner, shared, "basel")


@pytest.fixture
def curator_client(db):
    """A superuser session that passed the second factor, as the admin requires."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    curator = get_user_model().objects.create_superuser("curator", password="a long phrase 42")
    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    client = Client()
    client.force_login(curator)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.mark.django_db
def test_curators_feature_a_public_collection_in_the_admin(curator_client, owner, resource):
    kit = Collection.objects.create(owner=owner, name="Starter kit", is_public=True)
    secret = Collection.objects.create(owner=owner, name="Secret kit")
    collections.save_resource(owner, resource.translation_key, kit)
    privacy = CategoryPage.objects.get(slug="privacy", locale__language_code="en")
    add = "/admin/snippets/community/featuredcollection/add/"
    assert curator_client.get(add).status_code == 200
    refused = curator_client.post(add, {"collection": secret.pk, "on_home_page": "on"})
    assert refused.status_code == 200 and not FeaturedCollection.objects.exists()  # private
    response = curator_client.post(
        add, {"collection": kit.pk, "on_home_page": "on", "categories": [privacy.pk]}
    )
    assert response.status_code == 302
    assert "Starter kit" in Client().get("/ar/categories/privacy/").content.decode()
    # Members cannot reach the screen.
    member_client = signed_in(make_member("plain"))
    assert member_client.get(add).status_code in (302, 403)
