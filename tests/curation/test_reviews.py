"""Currency: the review queue lists resources not reviewed within the chosen time, and marking
them reviewed takes them off it (in both languages)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from curation import reviews
from library.models import ResourcePage
from library.translations import translate
from tests.curation.conftest import use_admin_language
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_the_queue_holds_never_and_long_ago_reviewed_resources_oldest_first(settings):
    today = timezone.localdate()
    recent = ResourcePageFactory(title="Recent", last_reviewed=today - timedelta(days=10))
    old = ResourcePageFactory(title="Old", last_reviewed=today - timedelta(days=400))
    never = ResourcePageFactory(title="Never")
    assert list(reviews.review_queue()) == [never, old]
    assert recent not in reviews.review_queue(days=30)
    assert recent in reviews.review_queue(days=5)


@pytest.mark.parametrize(
    ("lang", "button"),
    [("en", "Mark selected as reviewed today"), ("ar", "علّم المحدد بأنه رُوجع اليوم")],
)
def test_marking_resources_reviewed_takes_them_off_the_queue(
    admin_client, curator, arabic, lang, button
):
    use_admin_language(curator, lang)
    page = ResourcePageFactory(title="Stale advice")
    translate(page, arabic, fields={"title": "نصيحة قديمة"})
    html = admin_client.get("/admin/curation/reviews/").content.decode()
    assert "Stale advice" in html and button in html
    admin_client.post("/admin/curation/reviews/", {"selected": [page.pk]})
    today = timezone.localdate()
    for translation in ResourcePage.objects.filter(translation_key=page.translation_key):
        assert translation.last_reviewed == today
        assert not translation.has_unpublished_changes
    assert "Stale advice" not in admin_client.get("/admin/curation/reviews/").content.decode()


def test_the_listing_filters_overdue_reviews(admin_client):
    ResourcePageFactory(title="Reviewed lately", last_reviewed=timezone.localdate())
    ResourcePageFactory(title="Never reviewed")
    html = admin_client.get("/admin/resources/?review_due=true").content.decode()
    assert "Never reviewed" in html and "Reviewed lately" not in html
