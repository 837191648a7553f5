"""The personal library, short links, share buttons, feedback and XSS escaping."""

import pytest
from django.test import Client

from community import collections, comments, shortlinks, submissions
from community.models import Collection, CollectionItem, FeedbackMessage
from tests.factories import ResourcePageFactory

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_save_goes_to_my_library_or_a_chosen_collection(member_client, member, resource):
    key = resource.translation_key
    member_client.post(f"/en/r/{key}/save/", {})
    default = Collection.objects.get(owner=member, is_default=True)
    assert list(default.items.values_list("translation_key", flat=True)) == [key]
    reading = Collection.objects.create(owner=member, name="Reading list")
    member_client.post(f"/en/r/{key}/save/", {"collection": reading.pk})
    assert reading.items.count() == 1


@pytest.mark.django_db
def test_saving_to_someone_elses_collection_is_refused(member_client, other_member, resource):
    theirs = Collection.objects.create(owner=other_member, name="Theirs")
    response = member_client.post(
        f"/en/r/{resource.translation_key}/save/", {"collection": theirs.pk}
    )
    assert response.status_code == 404
    assert not theirs.items.exists()


@pytest.mark.django_db
def test_private_collections_are_invisible_to_others_and_to_search(member, other_member, resource):
    private = Collection.objects.create(owner=member, name="Secret plans")
    collections.save_resource(member, resource.translation_key, private)
    owner, stranger, visitor = Client(), Client(), Client()
    owner.force_login(member)
    stranger.force_login(other_member)
    url = f"/en/collections/{private.pk}/"
    assert owner.get(url).status_code == 200
    assert stranger.get(url).status_code == 404
    assert visitor.get(url).status_code == 404
    assert stranger.post(f"/en/collections/{private.pk}/edit/", {"name": "x"}).status_code == 404
    item = private.items.get()
    assert (
        stranger.post(f"/en/collections/items/{item.pk}/", {"action": "remove"}).status_code == 404
    )
    assert private.items.count() == 1
    assert shortlinks.collection_short_link(private) is None
    from search import services as search_services

    response = search_services.search("Secret plans", locale="en")
    text = str(response)
    assert "Secret plans" not in text


@pytest.mark.django_db
def test_reorder_move_and_remove_items(member_client, member):
    first, second, third = (ResourcePageFactory() for _ in range(3))
    collection = Collection.objects.create(owner=member, name="Order")
    other = Collection.objects.create(owner=member, name="Other")
    items = [
        collections.save_resource(member, page.translation_key, collection)[0]
        for page in (first, second, third)
    ]
    member_client.post(f"/en/collections/items/{items[2].pk}/", {"action": "up"})
    order = list(collection.items.values_list("translation_key", flat=True))
    assert order == [first.translation_key, third.translation_key, second.translation_key]
    member_client.post(f"/en/collections/items/{items[0].pk}/", {"action": "move", "to": other.pk})
    assert other.items.count() == 1 and collection.items.count() == 2
    member_client.post(f"/en/collections/items/{items[1].pk}/", {"action": "remove"})
    assert collection.items.count() == 1
    member_client.post(
        f"/en/collections/items/{items[2].pk}/", {"action": "note", "note": "Read chapter 2"}
    )
    assert CollectionItem.objects.get(pk=items[2].pk).note == "Read chapter 2"


@pytest.mark.django_db
def test_public_collection_page_and_profile_listing(member, resource):
    public = Collection.objects.create(owner=member, name="Starter kit", is_public=True)
    collections.save_resource(member, resource.translation_key, public)
    visitor = Client()
    html = visitor.get(f"/ar/collections/{public.pk}/").content.decode()
    assert "دليل الأمن الشامل" in html  # the reader's language
    assert "https://x.com/intent/post?url=" in html
    assert visitor.get(f"/en/members/{member.username}/collections/").status_code == 404
    member.show_collections = True
    member.save()
    assert (
        "Starter kit" in visitor.get(f"/en/members/{member.username}/collections/").content.decode()
    )


@pytest.mark.django_db
def test_short_links_resolve_in_the_readers_language_and_survive_a_slug_change(resource):
    link = shortlinks.resource_short_link(resource.translation_key)
    assert link == shortlinks.resource_short_link(resource.translation_key)  # stable
    assert set(link.code) <= set(shortlinks.SHORT_CODE_ALPHABET)
    visitor = Client()
    response = visitor.get(f"/s/{link.code}", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302 and response["Location"].startswith("/ar/library/")
    resource.slug = "renamed-manual"
    resource.save_revision().publish()
    response = visitor.get(f"/s/{link.code}", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/library/renamed-manual/"
    assert visitor.get("/s/nonexistent", follow=True).status_code == 404


@pytest.mark.django_db
def test_collection_short_link_resolves_only_while_public(member):
    collection = Collection.objects.create(owner=member, name="Kit", is_public=True)
    link = shortlinks.collection_short_link(collection)
    response = Client().get(f"/s/{link.code}", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"/en/collections/{collection.pk}/"
    collection.is_public = False
    collection.save()
    assert Client().get(f"/s/{link.code}", follow=True).status_code == 404


@pytest.mark.django_db
def test_resource_page_shares_without_third_party_assets(client, resource):
    html = client.get(resource.url).content.decode()
    assert "/s/" in html and "readonly" in html
    for host in ("x.com", "facebook.com", "wa.me", "t.me", "linkedin.com"):
        assert f'src="https://{host}' not in html and host in html


@pytest.mark.django_db
def test_feedback_is_stored_anonymous_or_signed_in(client, member):
    assert "Feedback" in client.get("/en/").content.decode()
    response = client.post("/en/feedback/", {"message": "The search is great", "page_url": "/en/"})
    assert response.status_code == 302
    message = FeedbackMessage.objects.get()
    assert message.member is None and message.language == "en" and not message.resolved
    client.force_login(member)
    client.post("/ar/feedback/", {"message": "شكرا", "contact": "me@example.org"})
    assert FeedbackMessage.objects.get(member=member).language == "ar"


@pytest.mark.django_db
def test_xss_payloads_are_stored_as_is_and_shown_escaped(member, settings):
    settings.TASHARUK_MEMBERS = {**settings.TASHARUK_MEMBERS, "HOLD_FIRST_COMMENTS": 0}
    resource = ResourcePageFactory(title=f"Title {XSS}", summary=XSS)
    comments.post_comment(member, resource.translation_key, f"Comment {XSS}")
    collection = Collection.objects.create(
        owner=member, name=f"Coll {XSS}", description=XSS, is_public=True
    )
    item, _ = collections.save_resource(member, resource.translation_key, collection)
    item.note = XSS
    item.save()
    submission = submissions.submit_resource(
        member,
        submissions.SubmissionData(
            url="https://xss.example.org/",
            primary_language="en",
            titles={"en": f"Sub {XSS}"},
            summaries={"en": XSS},
            categories=[],
            author=XSS,
        ),
    )
    assert submission.title == f"Sub {XSS}"  # stored as typed
    owner = Client()
    owner.force_login(member)
    pages = [
        resource.url,
        f"/en/collections/{collection.pk}/",
        "/en/my/submissions/",
        "/en/my/library/",
        f"/ar/collections/{collection.pk}/",
    ]
    for url in pages:
        html = owner.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url
    Client().post("/en/feedback/", {"message": XSS})
    assert FeedbackMessage.objects.get(message=XSS)


@pytest.mark.django_db
def test_personal_notes_are_shown_only_to_the_owner(member, other_member, resource):
    public = Collection.objects.create(owner=member, name="Open list", is_public=True)
    item, _created = collections.save_resource(member, resource.translation_key, public)
    item.note = "Ask Samir about chapter 3"
    item.save()
    stranger = Client()
    peer = Client()
    peer.force_login(other_member)
    for viewer in (stranger, peer):
        html = viewer.get(f"/en/collections/{public.pk}/").content.decode()
        assert "Holistic Security Manual" in html
        assert "Ask Samir" not in html
    owner = Client()
    owner.force_login(member)
    html = owner.get(f"/en/collections/{public.pk}/").content.decode()
    assert "Ask Samir about chapter 3" in html
    assert "Only you can see your notes" in html
    edit = owner.get(f"/en/collections/{public.pk}/edit/")
    assert "Only you can see your notes" in edit.content.decode()


@pytest.mark.django_db
def test_my_library_needs_no_more_queries_for_more_collections(
    member, resource, django_assert_max_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    owner = Client()
    owner.force_login(member)
    collections.save_resource(member, resource.translation_key)
    owner.get("/en/my/library/")
    reset_queries()  # the query log is capped; a full one makes captures read as empty
    with CaptureQueriesContext(connection) as one_collection:
        assert owner.get("/en/my/library/").status_code == 200
    baseline = len(one_collection)  # read now: reset_queries() below empties the log
    for number in range(4):
        collection = Collection.objects.create(owner=member, name=f"List {number}")
        collections.save_resource(member, resource.translation_key, collection)
    reset_queries()
    with django_assert_max_num_queries(baseline):
        html = owner.get("/en/my/library/").content.decode()
    assert html.count("1 resource<") == 5
