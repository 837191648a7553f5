"""The curators' dashboard on the admin home page: what needs curators today, each queue a count
linking to it, over HTTP in both admin languages; staff without the curators' permission do
not see it."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone, translation

from community import submissions
from community.models import ProblemReport, Suggestion
from curation.models import LinkHealth
from search.models import ZeroResultQuery
from tests.browser.admin_steps import (
    curator_groups,
    make_staff,
    project_group,
    translator_groups,
)
from tests.curation.conftest import use_admin_language
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def signed_in(user, device):
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def queues():
    """Two of everything that waits for curators, and what must not be counted beside it."""
    today = timezone.localdate()
    member = get_user_model().objects.create_user("member1", password="a long passphrase 42")
    for number in (1, 2):
        submissions.submit_resource(
            member,
            submissions.SubmissionData(
                url=f"https://new{number}.example.org/guide",
                primary_language="en",
                titles={"en": f"Submitted guide {number}"},
                summaries={"en": "How to."},
                categories=[],
            ),
        )
    reviewed = ResourcePageFactory(title="Reviewed lately", last_reviewed=today)
    stale = [
        ResourcePageFactory(title=f"Stale {n}", last_reviewed=today - timedelta(days=900))
        for n in (1, 2)
    ]
    for page in stale:
        Suggestion.objects.create(translation_key=page.translation_key, changes={"title": "x"})
        LinkHealth.objects.create(
            translation_key=page.translation_key, url=page.source_url, state=LinkHealth.BROKEN
        )
    Suggestion.objects.create(
        translation_key=reviewed.translation_key, status=Suggestion.ACCEPTED
    )  # decided: not waiting
    ProblemReport.objects.create(translation_key=stale[0].translation_key, kind="unsafe")
    ProblemReport.objects.create(translation_key=stale[1].translation_key, kind="outdated")
    ZeroResultQuery.objects.create(query="pegasus", locale="en", day=today, count=5)
    ZeroResultQuery.objects.create(query="بيغاسوس", locale="ar", day=today - timedelta(days=3))
    ZeroResultQuery.objects.create(
        query="forgotten-query", locale="en", day=today - timedelta(days=20)
    )


def texts(lang):
    """What the dashboard must say, as the admin says it in `lang`."""
    with translation.override(lang):
        return {
            "heading": translation.gettext("Needs curators today"),
            "submissions": translation.ngettext(
                "%(count)s submission waiting for review",
                "%(count)s submissions waiting for review",
                2,
            )
            % {"count": 2},
            "suggestions": translation.ngettext(
                "%(count)s suggestion waiting", "%(count)s suggestions waiting", 2
            )
            % {"count": 2},
            "reports": translation.ngettext(
                "%(count)s open problem report", "%(count)s open problem reports", 2
            )
            % {"count": 2},
            "links": translation.ngettext("%(count)s broken link", "%(count)s broken links", 2)
            % {"count": 2},
            "searches": translation.ngettext(
                "%(count)s search found nothing this week",
                "%(count)s searches found nothing this week",
                2,
            )
            % {"count": 2},
            "reviews": translation.ngettext(
                "%(count)s review overdue", "%(count)s reviews overdue", 2
            )
            % {"count": 2},
        }


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_curator_sees_what_waits_with_links_to_the_queues(queues, lang):
    user, device = make_staff("curator1", curator_groups())
    use_admin_language(user, lang)
    html = signed_in(user, device).get("/admin/").content.decode()
    assert 'id="curators-dashboard"' in html
    panel = html[html.index('id="curators-dashboard"') :]
    panel = panel[: panel.index("</section>")]
    expected = texts(lang)
    if lang == "ar":  # the Arabic strings are translated, not the English ones shown
        assert expected["heading"] != "Needs curators today"
        assert expected["links"] != "2 broken links"
    for text in expected.values():
        assert text in panel
    today = timezone.localdate()
    for link in (
        "/admin/reports/workflow/",
        "/admin/curation/suggestions/",
        "/admin/curation/problem-reports/",
        "/admin/curation/links/?state=broken",
        f"/admin/curation/gaps/?start={today - timedelta(days=6)}&amp;end={today}",
        "/admin/curation/reviews/",
    ):
        assert f'href="{link}"' in panel


def test_the_links_open_the_queues_for_the_curator(queues):
    user, device = make_staff("curator1", curator_groups())
    use_admin_language(user, "en")
    client = signed_in(user, device)
    html = client.get("/admin/curation/links/?state=broken").content.decode()
    assert "Stale 1" in html and "Stale 2" in html
    reviews = client.get("/admin/curation/reviews/").content.decode()
    assert "Stale 1" in reviews and "Reviewed lately" not in reviews
    gaps = client.get(
        f"/admin/curation/gaps/?start={timezone.localdate() - timedelta(days=6)}"
        f"&end={timezone.localdate()}"
    ).content.decode()
    assert "pegasus" in gaps and "forgotten-query" not in gaps


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_staff_without_the_curators_permission_do_not_see_the_panel(queues, lang):
    user, device = make_staff("translator1", translator_groups())
    use_admin_language(user, lang)
    response = signed_in(user, device).get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="curators-dashboard"' not in html
    assert 'id="members-proposals-panel"' in html  # their own: volunteer translations waiting
    assert texts(lang)["links"] not in html
    assert texts(lang)["reviews"] not in html


def queue_row(panel, key):
    row = panel[panel.index(f'data-queue="{key}"') :]
    return row[: row.index("</li>")]


@pytest.mark.parametrize("lang, short_bar_x", [("en", "0"), ("ar", "60.0")])
def test_each_queue_has_a_bar_as_long_as_it_is_beside_the_longest(lang, short_bar_x):
    for number in (1, 2):
        page = ResourcePageFactory(title=f"Gone {number}")
        LinkHealth.objects.create(
            translation_key=page.translation_key, url=page.source_url, state=LinkHealth.BROKEN
        )
    ProblemReport.objects.create(translation_key=page.translation_key, kind="outdated")
    user, device = make_staff("curator1", curator_groups())
    use_admin_language(user, lang)
    html = signed_in(user, device).get("/admin/").content.decode()
    panel = html[html.index('id="curators-dashboard"') :]
    assert 'width="120.0"' in queue_row(panel, "broken_links")  # the longest fills its bar
    half = queue_row(panel, "problem_reports")
    # Half as long, growing from where the reader starts: the right in Arabic.
    assert 'width="60.0"' in half and f'x="{short_bar_x}"' in half
    assert 'width="0.0"' in queue_row(panel, "suggestions")  # an empty queue has no bar
    assert "curation/admin.css" in html


def test_a_curator_who_may_not_review_pages_sees_no_submissions_line(queues):
    # Wagtail's workflow report, where submissions are reviewed, asks for a page permission.
    group = project_group("Curators", "use_curation_tools")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user, device = make_staff("reports-only", [group])
    use_admin_language(user, "en")
    html = signed_in(user, device).get("/admin/").content.decode()
    panel = html[html.index('id="curators-dashboard"') :]
    panel = panel[: panel.index("</section>")]
    assert 'data-queue="suggestions"' in panel
    assert 'data-queue="submissions"' not in panel
    assert "/admin/reports/workflow/" not in panel
