"""A database from before members' contributions moved into community/ upgrades without losing
a row: ratings, comments, collections with notes, short links, submissions and feedback written
by the previous release are all there afterwards, read through the new models, with their
content types (and so permissions) attached."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from community.models import (
    Collection,
    Comment,
    CommentReport,
    FeedbackMessage,
    Rating,
    ResourceIdentity,
    ShortLink,
    Submission,
)
from sitebuild.site_structure import ensure_site
from tests.factories import ResourcePageFactory

# The last migrations of the release before the split.
BEFORE_SPLIT = [("library", "0002_member_contributions"), ("home", "0002_feedback_message")]
MOVED_APPS = {"library", "home", "community"}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _before_split():
    others = [node for node in _latest() if node[0] not in MOVED_APPS]
    return [*others, *BEFORE_SPLIT, ("community", None)]


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_previous_release_survive_the_move_to_community():
    ensure_site()
    resource = ResourcePageFactory(title="Upgrade guide", slug="upgrade-guide")
    draft = ResourcePageFactory(title="Pending guide", slug="pending-guide", live=False)
    User = get_user_model()
    member = User.objects.create_user(username="old-member", password="a long passphrase 42")
    reader = User.objects.create_user(username="old-reader", password="a long passphrase 42")
    curators = Group.objects.create(name="Comment curators")
    key = resource.translation_key

    try:
        old = _migrate(_before_split()).apps
        # The previous release's content types carried the old app labels.
        old_types = {
            model: ContentType.objects.get(app_label="library", model=model)
            for model in ("rating", "comment", "collection", "shortlink", "submission")
        }
        feedback_type = ContentType.objects.get(app_label="home", model="feedbackmessage")
        curators.permissions.add(
            Permission.objects.get(content_type=old_types["comment"], codename="change_comment")
        )

        old.get_model("library", "Rating").objects.create(
            user_id=member.pk, translation_key=key, stars=4
        )
        comment = old.get_model("library", "Comment").objects.create(
            author_id=member.pk, translation_key=key, body="Still useful in 2026", language="en"
        )
        old.get_model("library", "CommentReport").objects.create(
            comment_id=comment.pk, reporter_id=reader.pk, reason="off topic"
        )
        collection = old.get_model("library", "Collection").objects.create(
            owner_id=member.pk, name="Trainings", is_public=True
        )
        old.get_model("library", "CollectionItem").objects.create(
            collection_id=collection.pk, translation_key=key, note="Week 2 reading", position=0
        )
        old.get_model("library", "ShortLink").objects.create(code="k7m2p9q", translation_key=key)
        old.get_model("library", "ShortLink").objects.create(
            code="x3c4v5b", collection_id=collection.pk
        )
        old.get_model("library", "ResourceIdentity").objects.create(
            normalized_url="https://pending.example.org/guide",
            translation_key=draft.translation_key,
        )
        old.get_model("library", "Submission").objects.create(
            member_id=member.pk,
            page_id=draft.pk,
            translation_key=draft.translation_key,
            source_url="https://pending.example.org/guide",
            title="Pending guide",
        )
        old.get_model("home", "FeedbackMessage").objects.create(
            message="Please add more Arabic videos", member_id=member.pk, language="ar"
        )
    finally:
        _migrate(_latest())

    assert Rating.objects.get(user=member, translation_key=key).stars == 4
    comment = Comment.objects.get(translation_key=key)
    assert (comment.author, comment.body) == (member, "Still useful in 2026")
    assert CommentReport.objects.get(comment=comment).reporter == reader
    collection = Collection.objects.get(owner=member)
    assert [(i.translation_key, i.note) for i in collection.items.all()] == [
        (key, "Week 2 reading")
    ]
    assert ShortLink.objects.get(code="k7m2p9q").translation_key == key
    assert ShortLink.objects.get(code="x3c4v5b").collection == collection
    identity = ResourceIdentity.objects.get(normalized_url="https://pending.example.org/guide")
    assert identity.translation_key == draft.translation_key
    submission = Submission.objects.get(member=member)
    assert (submission.page_id, submission.published_at) == (draft.pk, None)
    assert FeedbackMessage.objects.get(member=member).message == "Please add more Arabic videos"

    # The same content type rows now name community/, so permissions stayed attached.
    for model, old_type in old_types.items():
        assert ContentType.objects.get(app_label="community", model=model).pk == old_type.pk
        assert not ContentType.objects.filter(app_label="library", model=model).exists()
    assert ContentType.objects.get_for_model(FeedbackMessage).pk == feedback_type.pk
    assert curators.permissions.get().content_type == ContentType.objects.get_for_model(Comment)

    # And the members' screens read the old rows: the resource page shows the old comment.
    response = Client().get(resource.url)
    assert response.status_code == 200
    assert "Still useful in 2026" in response.content.decode()
