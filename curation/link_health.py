"""Link health: check resources' source URLs politely through the safe fetcher, keep the
history, call a link broken only after repeated failures, and let curators act on the result.

Politeness: URLs are grouped by host; at most LINK_CHECK_HOSTS_AT_ONCE hosts are checked at
the same time, each host one request at a time with LINK_CHECK_HOST_DELAY seconds between two
requests. A check asks with HEAD and confirms anything but a success with a GET (many servers
answer HEAD badly). Timeouts, unreachable sites and 5xx answers are retried with exponential
backoff inside a run; a run's final answer counts as one failure, and only
BROKEN_AFTER_FAILURES failures in a row (over several runs) mark the link broken.

Threads only talk to the network; every database write happens in the calling thread.
"""

import queue
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .fetching import FetchFailed, FetchRefused, LinkFetcher, refuses_framing
from .models import LinkCheck, LinkHealth

TRANSIENT_OUTCOMES = {"unreachable", "server_error"}
SUCCESS_OUTCOMES = {"ok", "redirected"}


def curation_setting(name):
    return settings.TASHARUK_CURATION[name]


@dataclass
class CheckResult:
    url: str
    outcome: str
    status_code: int | None = None
    final_url: str = ""
    framable: bool | None = None
    error: str = ""
    attempts: int = 1


def check_url(url, fetcher, retries=None, backoff=None, sleep=time.sleep):
    """Check one URL (HEAD, then GET unless HEAD succeeded), retrying transient failures with
    exponential backoff; return the CheckResult of the last attempt."""
    retries = curation_setting("LINK_CHECK_RETRIES") if retries is None else retries
    backoff = curation_setting("LINK_CHECK_BACKOFF") if backoff is None else backoff
    for attempt in range(retries + 1):
        result = _check_once(url, fetcher)
        result.attempts = attempt + 1
        if result.outcome not in TRANSIENT_OUTCOMES or attempt == retries:
            return result
        sleep(backoff * (2**attempt))
    return result  # pragma: no cover - the loop always returns


def _check_once(url, fetcher):
    try:
        page = fetcher.probe(url, "HEAD")
        if not 200 <= page.status < 300:
            page = fetcher.probe(url, "GET")
    except FetchRefused as error:
        return CheckResult(url, "refused", error=str(error)[:255])
    except FetchFailed as error:
        return CheckResult(url, "unreachable", error=str(error)[:255])
    if 200 <= page.status < 300:
        moved = page.url != url
        return CheckResult(
            url,
            "redirected" if moved else "ok",
            status_code=page.status,
            final_url=page.url if moved else "",
            framable=not refuses_framing(page.headers),
        )
    outcome = "server_error" if page.status >= 500 else "client_error"
    return CheckResult(url, outcome, status_code=page.status, final_url=page.url)


def targets(keys=None, force=False):
    """(translation_key, source_url) of every live resource due for a check, one per work.

    Retired links are never checked again; without `force`, links checked within
    LINK_CHECK_MIN_AGE_HOURS are skipped.
    """
    from library.models import ResourcePage

    pages = ResourcePage.objects.live().order_by("id").values_list("translation_key", "source_url")
    if keys is not None:
        pages = pages.filter(translation_key__in=list(keys))
    skip = set(
        LinkHealth.objects.filter(state=LinkHealth.RETIRED).values_list(
            "translation_key", flat=True
        )
    )
    if not force:
        recent = timezone.now() - timedelta(hours=curation_setting("LINK_CHECK_MIN_AGE_HOURS"))
        skip |= set(
            LinkHealth.objects.filter(last_checked_at__gte=recent).values_list(
                "translation_key", flat=True
            )
        )
    seen, found = set(skip), []
    for key, url in pages.iterator():
        if key not in seen and url:
            seen.add(key)
            found.append((key, url))
    return found


def make_fetcher():
    """The fetcher a link check uses for one host: the safe fetcher with its real rules."""
    return LinkFetcher()


def check_links(keys=None, force=False, fetcher_factory=None, progress=None):
    """Check the due source URLs (see `targets`), record each result and return a summary
    {outcome: count}. `progress` is called once per URL checked (the command's progress bar);
    `fetcher_factory` builds one fetcher per host (default `make_fetcher`; tests pass one that
    lets their local server in, and nothing else)."""
    fetcher_factory = fetcher_factory or make_fetcher
    due = targets(keys, force)
    by_host = defaultdict(list)
    for key, url in due:
        by_host[(urlsplit(url).hostname or "").lower()].append((key, url))
    results = queue.Queue()
    delay = curation_setting("LINK_CHECK_HOST_DELAY")
    stop = threading.Event()

    def check_host(items):
        fetcher = None
        for position, (key, url) in enumerate(items):
            if stop.is_set():
                return
            if position:
                time.sleep(delay)
            try:
                fetcher = fetcher or fetcher_factory()
                result = check_url(url, fetcher)
            except Exception as error:  # noqa: BLE001 - one odd URL must not stop the run
                result = CheckResult(url, "unreachable", error=str(error)[:255])
            results.put((key, url, result))

    summary = defaultdict(int)
    workers = max(1, min(curation_setting("LINK_CHECK_HOSTS_AT_ONCE"), len(by_host) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="link-check") as pool:
        futures = [pool.submit(check_host, items) for items in by_host.values()]
        try:
            for _done in range(len(due)):
                key, url, result = results.get()
                record(key, url, result)
                summary[result.outcome] += 1
                if progress:
                    progress(result)
        finally:
            stop.set()
            for future in futures:
                future.cancel()
    return dict(summary)


@transaction.atomic
def record(translation_key, url, result):
    """Store one check and move the link's state: a success resets the failure count; the
    link is broken once BROKEN_AFTER_FAILURES checks in a row failed."""
    health, _created = LinkHealth.objects.select_for_update().get_or_create(
        translation_key=translation_key, defaults={"url": url}
    )
    if health.url != url:  # the source URL was edited: the old history no longer counts
        health.url = url
        health.consecutive_failures = 0
    LinkCheck.objects.create(
        health=health,
        url=url,
        outcome=result.outcome,
        status_code=result.status_code,
        final_url=result.final_url[:2048],
        error=result.error,
        framable=result.framable,
        attempts=result.attempts,
    )
    if result.outcome in SUCCESS_OUTCOMES:
        health.consecutive_failures = 0
        health.state = LinkHealth.REDIRECTED if result.outcome == "redirected" else LinkHealth.OK
        health.framable = result.framable
    else:
        health.consecutive_failures += 1
        broken = health.consecutive_failures >= curation_setting("BROKEN_AFTER_FAILURES")
        health.state = LinkHealth.BROKEN if broken else LinkHealth.FAILING
    health.last_outcome = result.outcome
    health.last_status_code = result.status_code
    health.final_url = result.final_url[:2048]
    health.last_error = result.error
    health.last_checked_at = timezone.now()
    health.save()
    apply_to_pages(health)
    return health


def apply_to_pages(health):
    """Copy the link's state onto every translation of the resource (the listing's filter and
    the public page read it): broken or retired → "broken"; working or redirected → "ok";
    failing keeps what the page showed. Framability follows the last successful check.

    A plain UPDATE, not a revision: link checks are not edits. A later publish from an older
    revision would bring old values back, so publishing re-applies this (see `connect`).
    """
    from library.models import ResourcePage

    changes = {"link_checked_at": health.last_checked_at}
    if health.state in (LinkHealth.BROKEN, LinkHealth.RETIRED):
        changes["link_status"] = "broken"
    elif health.state in (LinkHealth.OK, LinkHealth.REDIRECTED):
        changes["link_status"] = "ok"
    if health.framable is not None and health.state in (LinkHealth.OK, LinkHealth.REDIRECTED):
        changes["framable"] = health.framable
    ResourcePage.objects.filter(
        translation_key=health.translation_key, source_url=health.url
    ).update(**changes)


def accept_redirect(health, user=None):
    """Make the URL the link now redirects to the resource's source URL, in every translation,
    through a new revision (published when the page had no pending draft). Returns an error
    message instead when the new URL belongs to another resource already."""
    from library.models import ResourcePage
    from library.services import find_duplicate

    new_url = health.final_url
    if health.state != LinkHealth.REDIRECTED or not new_url:
        return _("This link has no redirect to accept.")
    pages = list(ResourcePage.objects.filter(translation_key=health.translation_key))
    for page in pages:
        duplicate = find_duplicate(new_url, page.locale_id, page.translation_key)
        if duplicate is not None:
            return _("The new address is already in the library: “%(title)s”.") % {
                "title": duplicate.title
            }
    with transaction.atomic():
        for page in pages:
            publish = page.live and not page.has_unpublished_changes
            latest = page.get_latest_revision_as_object()
            latest.source_url = new_url
            revision = latest.save_revision(user=user, log_action=True, clean=False)
            if publish:
                revision.publish(user=user)
        health.url = new_url
        health.state = LinkHealth.OK
        health.final_url = ""
        health.consecutive_failures = 0
        health.save()
        apply_to_pages(health)
    return None


def retire(health):
    """The original is gone for good: stop checking it; readers get the archived copy."""
    health.state = LinkHealth.RETIRED
    health.save(update_fields=["state"])
    apply_to_pages(health)


def health_for(page):
    """The LinkHealth of a resource page's current source URL, or None."""
    return LinkHealth.objects.filter(
        translation_key=page.translation_key, url=page.source_url
    ).first()


def _on_published(sender, instance, **kwargs):
    from library.models import ResourcePage

    if isinstance(instance, ResourcePage):
        health = health_for(instance)
        if health is not None and health.last_checked_at is not None:
            apply_to_pages(health)


def connect():
    from wagtail.signals import page_published

    page_published.connect(_on_published, dispatch_uid="curation-link-health")
