"""Link health against a real local web server: states, history, the broken threshold,
framability, curators' actions and what readers see."""

import pytest
from django.core.management import call_command
from django.utils import translation

from curation import link_health
from curation.fetching import LinkFetcher
from curation.models import LinkCheck, LinkHealth
from library.models import ResourcePage
from library.translations import translate
from tests.curation.conftest import LinkSiteHandler
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def check(fetcher_factory, *pages):
    keys = [page.translation_key for page in pages]
    return link_health.check_links(keys=keys, force=True, fetcher_factory=fetcher_factory)


def health_of(page):
    return LinkHealth.objects.get(translation_key=page.translation_key)


def test_each_kind_of_answer_records_the_right_state(link_site):
    base, fetchers = link_site
    pages = {
        path: ResourcePageFactory(source_url=f"{base}{path}")
        for path in ["/ok", "/moved", "/missing", "/error", "/slow", "/no-frames", "/loop"]
    }
    summary = check(fetchers, *pages.values())
    assert summary == {
        "ok": 2,
        "redirected": 1,
        "client_error": 1,
        "server_error": 1,
        "unreachable": 1,
        "refused": 1,
    }
    assert health_of(pages["/ok"]).state == LinkHealth.OK
    moved = health_of(pages["/moved"])
    assert moved.state == LinkHealth.REDIRECTED
    assert moved.final_url == f"{base}/final"
    assert health_of(pages["/missing"]).last_status_code == 404
    assert health_of(pages["/error"]).last_status_code == 500
    assert health_of(pages["/slow"]).last_outcome == "unreachable"
    # One failure is not enough to call a link broken.
    for path in ["/missing", "/error", "/slow", "/loop"]:
        assert health_of(pages[path]).state == LinkHealth.FAILING
        assert ResourcePage.objects.get(pk=pages[path].pk).link_status == "unknown"


def test_framability_is_rechecked(link_site):
    base, fetchers = link_site
    framable = ResourcePageFactory(source_url=f"{base}/ok", framable=False)
    refusing = ResourcePageFactory(source_url=f"{base}/no-frames", framable=True)
    check(fetchers, framable, refusing)
    assert ResourcePage.objects.get(pk=framable.pk).framable is True
    assert ResourcePage.objects.get(pk=refusing.pk).framable is False


def test_a_link_is_broken_only_after_the_threshold_of_failures_in_a_row(link_site, settings):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/missing")
    for run in range(1, 4):
        check(fetchers, page)
        expected = LinkHealth.BROKEN if run == 3 else LinkHealth.FAILING
        assert health_of(page).state == expected
        assert health_of(page).consecutive_failures == run
    assert ResourcePage.objects.get(pk=page.pk).link_status == "broken"
    assert LinkCheck.objects.filter(health__translation_key=page.translation_key).count() == 3


def test_a_success_between_failures_resets_the_count(link_site):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/missing")
    check(fetchers, page)
    check(fetchers, page)
    ResourcePage.objects.filter(pk=page.pk).update(source_url=f"{base}/ok")
    check(fetchers, ResourcePage.objects.get(pk=page.pk))
    health = health_of(page)
    assert (health.state, health.consecutive_failures) == (LinkHealth.OK, 0)


def test_head_refused_falls_back_to_get(link_site):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/head-refused")
    check(fetchers, page)
    assert health_of(page).state == LinkHealth.OK
    assert LinkSiteHandler.requests == [("HEAD", "/head-refused"), ("GET", "/head-refused")]


def test_one_host_gets_one_request_at_a_time_with_a_pause_between(link_site, settings):
    import time

    settings.TASHARUK_CURATION = {**settings.TASHARUK_CURATION, "LINK_CHECK_HOST_DELAY": 0.3}
    base, fetchers = link_site
    pages = [ResourcePageFactory(source_url=f"{base}/paced{n}") for n in range(4)]
    started = time.monotonic()
    summary = check(fetchers, *pages)
    assert summary == {"ok": 4}
    assert LinkSiteHandler.most_in_flight == 1
    assert time.monotonic() - started >= 3 * 0.3


def test_transient_failures_are_retried_but_not_found_is_not(link_site):
    base, fetchers = link_site
    missing = ResourcePageFactory(source_url=f"{base}/missing")
    failing = ResourcePageFactory(source_url=f"{base}/error")
    check(fetchers, missing, failing)
    assert LinkCheck.objects.get(url=f"{base}/missing").attempts == 1
    assert LinkCheck.objects.get(url=f"{base}/error").attempts == 2  # one retry in tests


def test_the_real_fetcher_never_reaches_a_private_address(link_site):
    base, _fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/ok")
    link_health.check_links(keys=[page.translation_key], force=True, fetcher_factory=LinkFetcher)
    health = health_of(page)
    assert health.last_outcome == "refused"
    assert LinkSiteHandler.requests == []


def test_recently_checked_and_retired_links_are_skipped(link_site):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/ok")
    check(fetchers, page)
    assert link_health.targets(keys=[page.translation_key]) == []
    assert link_health.targets(keys=[page.translation_key], force=True) != []
    link_health.retire(health_of(page))
    assert link_health.targets(keys=[page.translation_key], force=True) == []


def test_one_check_per_work_shared_by_both_translations(link_site, arabic):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/missing")
    translate(page, arabic, fields={"title": "دليل"})
    for _run in range(3):
        check(fetchers, page)
    assert LinkCheck.objects.count() == 3
    statuses = ResourcePage.objects.filter(translation_key=page.translation_key)
    assert {p.link_status for p in statuses} == {"broken"}


def _make_broken(fetchers, page):
    for _run in range(3):
        check(fetchers, page)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "The link to this resource seems broken"), ("ar", "يبدو أن رابط هذا المورد معطّل")],
)
def test_readers_of_a_broken_link_get_the_archived_copy(client, link_site, arabic, lang, text):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/missing")
    arabic_page = translate(page, arabic, fields={"title": "دليل"})
    _make_broken(fetchers, page)
    shown = page if lang == "en" else arabic_page
    with translation.override(lang):
        html = client.get(shown.url).content.decode()
    assert text in html
    assert f'href="https://web.archive.org/web/{base}/missing"' in html


def test_a_working_link_shows_no_notice(client, link_site):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/ok")
    check(fetchers, page)
    assert "web.archive.org" not in client.get(page.url).content.decode()


def test_publishing_an_older_revision_keeps_the_checked_state(link_site):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/no-frames", framable=True)
    page.save_revision()  # the revision still says framable=True
    check(fetchers, page)
    ResourcePage.objects.get(pk=page.pk).get_latest_revision().publish()
    assert ResourcePage.objects.get(pk=page.pk).framable is False


def test_accepting_a_redirect_updates_the_source_url_of_every_translation(link_site, arabic):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/moved")
    translate(page, arabic, fields={"title": "دليل"})
    check(fetchers, page)
    assert link_health.accept_redirect(health_of(page)) is None
    pages = ResourcePage.objects.filter(translation_key=page.translation_key)
    assert {p.source_url for p in pages} == {f"{base}/final"}
    assert all(p.live and not p.has_unpublished_changes for p in pages)
    assert health_of(page).state == LinkHealth.OK


def test_a_redirect_to_a_resource_already_in_the_library_is_not_accepted(link_site):
    base, fetchers = link_site
    ResourcePageFactory(title="Already here", source_url=f"{base}/final")
    page = ResourcePageFactory(source_url=f"{base}/moved")
    check(fetchers, page)
    error = link_health.accept_redirect(health_of(page))
    assert "Already here" in error
    assert ResourcePage.objects.get(pk=page.pk).source_url == f"{base}/moved"


def test_check_links_command_reports_outcomes(link_site, monkeypatch):
    base, fetchers = link_site
    ResourcePageFactory(source_url=f"{base}/ok")
    monkeypatch.setattr(link_health, "make_fetcher", fetchers)
    from io import StringIO

    out = StringIO()
    call_command("check_links", "--all", verbosity=0, stdout=out)
    assert "ok: 1" in out.getvalue()
    out = StringIO()
    call_command("check_links", verbosity=0, stdout=out)  # just checked: nothing is due
    assert "No links are due" in out.getvalue()


def test_check_links_now_from_the_admin_runs_the_task(admin_client, link_site, monkeypatch):
    base, fetchers = link_site
    page = ResourcePageFactory(source_url=f"{base}/missing")
    monkeypatch.setattr(link_health, "make_fetcher", fetchers)
    response = admin_client.post("/admin/curation/links/run/")
    assert response.status_code == 302
    assert health_of(page).state == LinkHealth.FAILING  # the immediate backend ran it


@pytest.mark.parametrize(("lang", "heading"), [("en", "Link health"), ("ar", "سلامة الروابط")])
def test_curators_fix_links_from_the_report(admin_client, curator, link_site, lang, heading):
    from tests.curation.conftest import use_admin_language

    use_admin_language(curator, lang)
    base, fetchers = link_site
    broken = ResourcePageFactory(title="Gone guide", source_url=f"{base}/missing")
    moved = ResourcePageFactory(title="Moved guide", source_url=f"{base}/moved")
    _make_broken(fetchers, broken)
    check(fetchers, moved)
    html = admin_client.get("/admin/curation/links/").content.decode()
    assert heading in html and "Gone guide" in html and "Moved guide" in html
    response = admin_client.post(
        "/admin/curation/links/action/",
        {"action": "accept_redirect", "selected": [health_of(moved).pk]},
    )
    assert response.status_code == 302
    assert ResourcePage.objects.get(pk=moved.pk).source_url == f"{base}/final"
    admin_client.post(
        "/admin/curation/links/action/", {"action": "retire", "selected": [health_of(broken).pk]}
    )
    assert health_of(broken).state == LinkHealth.RETIRED
    html = admin_client.get("/admin/curation/links/").content.decode()
    assert "Gone guide" not in html and "Moved guide" not in html
