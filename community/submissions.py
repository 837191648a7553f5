"""Member submissions: duplicate checks, the draft page and the moderation workflow (where each
stands: community.submission_status).

A submission becomes a draft ResourcePage under the chosen language's library index and enters
Wagtail's moderation workflow; curators approve or ask for changes in the admin. The member
follows it on “My submissions”. Duplicates by URL are impossible even under concurrency: the
ResourceIdentity row for the normalised URL is inserted first, inside the same transaction,
and its unique index refuses the second one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import page_published

from library.models import ResourcePage
from library.resource_urls import normalize_url
from library.services import add_to_library, find_resource_by_url, other_language
from library.translations import translate
from library.visibility import is_listed, listed, listed_ids

from .models import ResourceIdentity, Submission

SIMILARITY_THRESHOLD = 0.5
MAX_SIMILAR = 8
DEFAULT_WORKFLOW_NAME = "Moderators approval"


class DuplicateResource(Exception):
    """The normalised URL is already in the library; `page` is the existing resource (or None
    while a concurrent submission that claimed it is still in review)."""

    def __init__(self, page):
        super().__init__("duplicate resource")
        self.page = page


@dataclass
class SubmissionData:
    url: str
    primary_language: str  # "en" or "ar": the locale the draft page is created in
    titles: dict  # language -> title
    summaries: dict  # language -> summary
    categories: list  # CategoryPage objects of the default locale
    media_format: str = "guide"
    languages: list = None
    regions: list = None
    license: str = "LicenseRef-Unknown"
    author: str = ""
    year: int | None = None
    framable: bool = False


@dataclass(frozen=True)
class PendingResource:
    """A resource already filed under a URL but not published (a draft in review, or a claim
    still being made): it blocks the duplicate, but nothing about it may be shown."""

    translation_key: object = None
    live = False
    title = ""
    url = ""


def shown_resource(page):
    """`page` if it is listed (published and public, library.visibility); otherwise a
    PendingResource that reveals nothing of it."""
    if page is not None and page.live and is_listed(page):
        return page
    return PendingResource(getattr(page, "translation_key", None))


def existing_resource(url, language=None):
    """The resource already filed under `url`'s normal form: its live page (preferably in
    `language`), a PendingResource when no translation of it is live, or None."""
    normalized = normalize_url(url)
    matches = ResourcePage.objects.filter(normalized_url=normalized).select_related("locale")
    pages = list(matches)
    if not pages:
        identity = ResourceIdentity.objects.filter(normalized_url=normalized).first()
        if identity is None:
            return None
        pages = list(
            ResourcePage.objects.filter(translation_key=identity.translation_key).select_related(
                "locale"
            )
        )
        if not pages:
            return None
    # A page behind a view restriction blocks the duplicate like a draft, and shows as little.
    shown = listed_ids(pages)
    live = [page for page in pages if page.pk in shown]
    if not live:
        return PendingResource(pages[0].translation_key)
    for page in live:
        if page.locale.language_code == language:
            return page
    return live[0]


def _title_tokens(text):
    from search.normalization import tokens

    return {token for token in tokens(text) if len(token) > 2 or token.isdigit()}


def similar_titles(titles, language=None, exclude_key=None, limit=MAX_SIMILAR):
    """Listed resources whose title (in either language) shares most of its words with one of
    `titles` — drafts, unpublished and restricted pages are never listed.

    Words are compared after the search gateway's normalisation (Arabic spelling variants,
    diacritics, case), scored by overlap over the smaller word set. One entry per work, in
    `language` when that translation exists. Returns [(score, page)], best first.
    """
    wanted = [tokens for tokens in (_title_tokens(t) for t in titles if t) if tokens]
    if not wanted:
        return []
    best = {}
    rows = listed(ResourcePage.objects.all()).values_list("pk", "title", "translation_key")
    for pk, title, key in rows.iterator(chunk_size=2000):
        if key == exclude_key:
            continue
        candidate = _title_tokens(title)
        if not candidate:
            continue
        for tokens in wanted:
            score = len(tokens & candidate) / min(len(tokens), len(candidate))
            if score >= SIMILARITY_THRESHOLD and score > best.get(key, (0, None))[0]:
                best[key] = (score, pk)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    pages = {}
    for key, (score, pk) in ranked:
        page = None
        if language:
            page = listed(
                ResourcePage.objects.filter(translation_key=key, locale__language_code=language)
            ).first()
        pages[key] = (score, page or ResourcePage.objects.get(pk=pk))
    return [pages[key] for key, _score in ranked]


def _claim_identity(normalized, translation_key):
    """Insert the identity row; raise DuplicateResource if the URL is already claimed."""
    try:
        with transaction.atomic():
            ResourceIdentity.objects.create(
                normalized_url=normalized, translation_key=translation_key
            )
        return
    except IntegrityError:
        identity = ResourceIdentity.objects.get(normalized_url=normalized)
    pages = ResourcePage.objects.filter(translation_key=identity.translation_key)
    if pages.exists():
        raise DuplicateResource(pages.first())
    # The work it named was deleted: the URL is free again (locked by the delete below).
    deleted, _counts = ResourceIdentity.objects.filter(
        pk=identity.pk, translation_key=identity.translation_key
    ).delete()
    if not deleted:
        raise DuplicateResource(None)
    ResourceIdentity.objects.create(normalized_url=normalized, translation_key=translation_key)


@transaction.atomic
def submit_resource(member, data):
    """Create the draft resource for `data`, start its moderation workflow and return the
    Submission. Raise DuplicateResource when the URL is already in the library."""
    normalized = normalize_url(data.url)
    existing = find_resource_by_url(data.url)
    if existing is not None:
        raise DuplicateResource(existing)

    locale = Locale.objects.get(language_code=data.primary_language)
    title = data.titles.get(data.primary_language) or next(iter(data.titles.values()))
    page = ResourcePage(
        title=title,
        summary=data.summaries.get(data.primary_language, ""),
        source_url=data.url,
        languages=data.languages or [],
        regions=data.regions or [],
        media_format=data.media_format,
        license=data.license,
        author=data.author,
        year=data.year,
        framable=data.framable,
        live=False,
        owner=None,  # members are not admin users; the Submission records who it was
        locale=locale,
    )
    # The identity row goes in before the page, so two members at once cannot both pass.
    _claim_identity(normalized, page.translation_key)
    add_to_library(page)
    page.categories.set(data.categories)
    revision = page.save_revision(user=member, log_action=True)
    page.refresh_from_db()

    other = other_language(data.primary_language)
    if data.titles.get(other) or data.summaries.get(other):
        fields = {"title": data.titles.get(other, ""), "summary": data.summaries.get(other, "")}
        translate(
            page,
            Locale.objects.get(language_code=other),
            fields={k: v for k, v in fields.items() if v},
            publish=False,
        )

    workflow = page.get_workflow() or default_workflow()
    workflow.start(page, member)
    return Submission.objects.create(
        member=member,
        page=page,
        translation_key=page.translation_key,
        source_url=data.url,
        title=revision.object_str or title,
    )


def default_workflow():
    """Wagtail's “Moderators approval” workflow (created by its migrations); recreated if a
    site lost it, so submissions always reach curators."""
    workflow = Workflow.objects.filter(active=True, name=DEFAULT_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    moderators, _created = Group.objects.get_or_create(name="Moderators")
    if not moderators.permissions.exists():
        moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    if not GroupPagePermission.objects.filter(group=moderators).exists():
        # What Wagtail's initial data grants moderators: edit and publish the whole tree.
        root = Page.get_first_root_node()
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=moderators,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    task, _created = GroupApprovalTask.objects.get_or_create(name=DEFAULT_WORKFLOW_NAME)
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name=DEFAULT_WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _on_published(sender, instance, **kwargs):
    """Tell the member when a curator publishes their submission; publish its other-language
    draft with it (curators reviewed both in the same workflow)."""
    if not isinstance(instance.specific_deferred, ResourcePage):
        return
    submission = (
        Submission.objects.filter(translation_key=instance.translation_key, published_at=None)
        .select_related("member")
        .first()
    )
    if submission is None:
        return
    Submission.objects.filter(pk=submission.pk).update(published_at=timezone.now())
    for draft in Page.objects.filter(translation_key=instance.translation_key, live=False):
        revision = draft.get_latest_revision()
        if revision is not None:
            revision.publish()
    member = submission.member
    if member is not None and member.email:
        page = instance.specific
        with translation.override(page.locale.language_code):
            send_mail(
                _("Your submission is published: %(title)s") % {"title": page.title},
                _(
                    "Thank you. The resource you submitted to Tasharuk is now in the library:\n"
                    "%(url)s"
                )
                % {"url": page.full_url or ""},
                settings.DEFAULT_FROM_EMAIL,
                [member.email],
                fail_silently=True,
            )


def _on_resource_saved(sender, instance, **kwargs):
    """Keep the identity table complete for resources that did not come through a submission
    (imports, the admin), so their URLs are protected too."""
    if instance.normalized_url:
        try:
            with transaction.atomic():
                ResourceIdentity.objects.get_or_create(
                    normalized_url=instance.normalized_url,
                    defaults={"translation_key": instance.translation_key},
                )
        except IntegrityError:  # a concurrent claim won; the resource page check covers it
            pass


def connect():
    page_published.connect(_on_published, dispatch_uid="library_submission_published")
    post_save.connect(
        _on_resource_saved, sender=ResourcePage, dispatch_uid="library_resource_identity"
    )


@transaction.atomic
def withdraw_pending_submissions(member):
    """Take `member`'s submissions that were never published out of the moderation queue: their
    draft pages (every translation, none of them ever live), revisions, workflow states and URL
    claims go, so nothing of them can still be published. Returns how many were withdrawn.
    Published submissions belong to the library and are left alone."""
    withdrawn = 0
    for submission in Submission.objects.filter(member=member, published_at__isnull=True):
        drafts = ResourcePage.objects.filter(translation_key=submission.translation_key)
        if any(page.live or page.first_published_at for page in drafts):
            continue  # a curator published it meanwhile: it is the library's now
        for page in drafts:
            WorkflowState.objects.for_instance(page).delete()
            Revision.objects.for_instance(page).delete()
            page.delete()
        ResourceIdentity.objects.filter(translation_key=submission.translation_key).delete()
        submission.delete()
        withdrawn += 1
    return withdrawn
