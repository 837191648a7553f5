"""Ratings stay exact under concurrency; comments are plain text, held, editable, reportable."""

import contextlib
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.models import Locale

from community import comments, ratings
from community.models import Comment, Rating
from library.models import ResourcePage
from library.ratings import bayesian_rating
from library.translations import translate
from sitebuild.site_structure import ensure_site
from tests.factories import ResourcePageFactory

from .conftest import make_member


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_ratings_from_50_members_leave_exact_aggregates():
    ensure_site()
    resource = ResourcePageFactory(title="Concurrency", slug="concurrency")
    translate(resource, Locale.objects.get(language_code="ar"), fields={"title": "تزامن"})
    key = resource.translation_key
    members = [make_member(f"rater{i}") for i in range(50)]
    rng = random.Random(5)
    # Each member rates four times (changing their mind); the last one counts.
    plans = {m.pk: [rng.randint(1, 5) for _ in range(4)] for m in members}
    start = threading.Barrier(16)

    def rate_four_times(member):
        try:
            for stars in plans[member.pk]:
                ratings.rate_resource(member, key, stars)
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    def first_wait(member):
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=5)
        rate_four_times(member)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(first_wait, members))

    expected_sum = sum(plan[-1] for plan in plans.values())
    pages = ResourcePage.objects.filter(translation_key=key)
    assert pages.count() == 2
    for page in pages:
        assert page.rating_count == 50
        assert page.rating_sum == expected_sum
        assert page.rating_average == pytest.approx(expected_sum / 50)
        assert page.rating_bayesian == pytest.approx(bayesian_rating(50, expected_sum))
    assert Rating.objects.filter(translation_key=key).count() == 50


@pytest.mark.django_db
def test_rating_can_be_changed_and_removed(member_client, member, resource):
    url = f"/en/r/{resource.translation_key}/rate/"
    member_client.post(url, {"stars": "4"})
    member_client.post(url, {"stars": "2"})
    resource.refresh_from_db()
    assert (resource.rating_count, resource.rating_sum) == (1, 2)
    html = member_client.get(resource.url).content.decode()
    assert "Your rating: 2 stars" in html
    member_client.post(url, {"remove": "1"})
    resource.refresh_from_db()
    assert (resource.rating_count, resource.rating_sum, resource.rating_average) == (0, 0, 0.0)


@pytest.mark.django_db
@pytest.mark.parametrize("stars", ["0", "6", "-1", "3.5", "five", ""])
def test_ratings_outside_1_to_5_are_refused(member_client, resource, stars):
    response = member_client.post(f"/en/r/{resource.translation_key}/rate/", {"stars": stars})
    assert response.status_code == 400
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_signed_out_visitors_cannot_rate_or_comment(client, resource):
    key = resource.translation_key
    assert client.post(f"/en/r/{key}/rate/", {"stars": "5"}).status_code == 302
    assert client.post(f"/en/r/{key}/comment/", {"body": "hi"}).status_code == 302
    assert not Rating.objects.exists() and not Comment.objects.exists()


@pytest.mark.django_db
def test_publishing_a_revision_keeps_the_current_aggregates(member, resource):
    ratings.rate_resource(member, resource.translation_key, 5)
    resource.refresh_from_db()
    resource.save_revision().publish()  # the revision was saved before... and after; recount
    old = resource.get_latest_revision()
    old.publish()
    resource.refresh_from_db()
    assert (resource.rating_count, resource.rating_sum) == (1, 5)


@pytest.mark.django_db
@override_settings(TASHARUK_MEMBERS={"HOLD_FIRST_COMMENTS": 1, "COMMENT_EDIT_MINUTES": 15})
def test_first_comment_is_held_then_published(member_client, member, resource):
    from django.test import Client

    key = resource.translation_key
    visitor = Client()
    member_client.post(f"/en/r/{key}/comment/", {"body": "First words"})
    first = Comment.objects.get()
    assert first.status == Comment.HELD
    assert "First words" not in visitor.get(resource.url).content.decode()
    assert "Waiting for a curator" in member_client.get(resource.url).content.decode()
    first.status = Comment.PUBLISHED
    first.save()
    member_client.post(f"/en/r/{key}/comment/", {"body": "Second words"})
    assert Comment.objects.get(body="Second words").status == Comment.PUBLISHED


@pytest.mark.django_db
@override_settings(TASHARUK_MEMBERS={"HOLD_FIRST_COMMENTS": 0, "COMMENT_EDIT_MINUTES": 15})
def test_comments_newest_or_oldest_first_editable_and_reportable(
    client, member, other_member, resource
):
    key = resource.translation_key
    old = comments.post_comment(member, key, "older comment")
    new = comments.post_comment(member, key, "newer comment")
    html = client.get(resource.url).content.decode()
    assert html.index("newer comment") < html.index("older comment")
    html = client.get(resource.url + "?comments=oldest").content.decode()
    assert html.index("older comment") < html.index("newer comment")

    client.force_login(other_member)
    assert client.post(f"/en/comments/{new.pk}/edit/", {"body": "hijack"}).status_code == 403
    client.post(f"/en/comments/{new.pk}/report/", {"reason": "spam"})
    client.post(f"/en/comments/{new.pk}/report/", {"reason": "spam again"})
    new.refresh_from_db()
    assert new.report_count == 1 and new.body == "newer comment"

    client.force_login(member)
    client.post(f"/en/comments/{old.pk}/edit/", {"body": "edited comment"})
    old.refresh_from_db()
    assert old.body == "edited comment" and old.edited_at is not None
    Comment.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2000))
    assert client.post(f"/en/comments/{old.pk}/edit/", {"body": "too late"}).status_code == 403


def test_links_in_comments_are_escaped_then_linked():
    html = comments.linkify("See https://example.org/a?b=1&c=2. <script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer" '
        'target="_blank">https://example.org/a?b=1&amp;c=2</a>.'
    ) in html
    assert (
        '"'
        not in comments.linkify('https://x.org/"onmouseover="alert(1)')
        .split("href=")[1][1:]
        .split('"')[0]
    )


@pytest.mark.django_db
def test_rate_limit_answers_429(member_client, resource, settings):
    settings.TASHARUK_MEMBERS = {**settings.TASHARUK_MEMBERS, "RATE_LIMITS": {"rate": (2, 60)}}
    url = f"/en/r/{resource.translation_key}/rate/"
    codes = [member_client.post(url, {"stars": "3"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
