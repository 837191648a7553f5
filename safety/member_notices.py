"""Notices to members about tools they saved or follow: a resource in one of their collections
(owned or co-edited), in a collection they follow, or in a category they follow, whose status
changed to a warning. Shown on their own pages until dismissed (once per status change: a new
status notifies again), and in their digest for the window in which the status was set."""

from dataclasses import dataclass

from django.db.models import Q

from community.models import CollectionEditor, CollectionItem, Follow
from library.models import ResourcePage
from library.visibility import listed

from .models import NoticeDismissal, ToolStatus
from .statuses import latest_rows, warning_for


@dataclass
class MemberNotice:
    status_id: int
    page: object  # the resource in the member's language (or the other one)
    warning: object  # statuses.ToolWarning
    saved: bool  # in one of the member's collections (else: in something they follow)


def _related_keys(user, keys):
    """{translation key: saved?} for the works among `keys` the member saved or follows."""
    if not keys:
        return {}
    editing = CollectionEditor.objects.filter(member=user, status=CollectionEditor.ACTIVE)
    saved = set(
        CollectionItem.objects.filter(
            Q(collection__owner=user) | Q(collection__in=editing.values("collection")),
            translation_key__in=keys,
        ).values_list("translation_key", flat=True)
    )
    followed = set(
        CollectionItem.objects.filter(
            collection__followers__member=user,
            collection__is_public=True,
            translation_key__in=keys,
        ).values_list("translation_key", flat=True)
    )
    slugs = Follow.objects.filter(member=user, kind=Follow.CATEGORY).values("target")
    followed |= set(
        ResourcePage.objects.filter(translation_key__in=keys, categories__slug__in=slugs)
        .values_list("translation_key", flat=True)
        .distinct()
    )
    return {str(key): key in saved for key in saved | followed}


def _notices(user, rows, language):
    related = _related_keys(user, [row.translation_key for row in rows])
    if not related:
        return []
    pages = {}
    for page in listed(
        ResourcePage.objects.filter(translation_key__in=list(related))
    ).select_related("locale"):
        key = str(page.translation_key)
        if key not in pages or page.locale.language_code == language:
            pages[key] = page
    notices = []
    for row in rows:
        key = str(row.translation_key)
        page = pages.get(key)
        warning = warning_for(page, language) if page is not None else None
        if warning is not None and key in related:
            notices.append(MemberNotice(row.pk, page, warning, related[key]))
    return notices


def notices_for(user, language):
    """The member's open notices: current warnings on tools they saved or follow, which they
    have not dismissed, newest first."""
    if not user.is_authenticated:
        return []
    dismissed = NoticeDismissal.objects.filter(member=user).values("status")
    rows = list(
        latest_rows()
        .filter(status__in=ToolStatus.WARNINGS)
        .exclude(pk__in=dismissed)
        .order_by("-set_at")
    )
    return _notices(user, rows, language)


def notices_between(user, since, until, language):
    """Notices for the statuses set in (since, until] that are still current: a digest's
    share, so each status change is in exactly one digest."""
    rows = list(
        latest_rows()
        .filter(status__in=ToolStatus.WARNINGS, set_at__gt=since, set_at__lte=until)
        .order_by("-set_at")
    )
    return _notices(user, rows, language)


def dismiss(user, status_id):
    """Close a notice; closing it twice, or one that does not exist, is harmless."""
    if ToolStatus.objects.filter(pk=status_id).exists():
        NoticeDismissal.objects.get_or_create(member=user, status_id=status_id)


def digest_notices(user, since, until, language):
    """A digest's notices (community.digests.add_notice_source): title, text and the path of
    the resource page, in the member's (active) language."""
    from .statuses import plain_text

    return [
        {"title": notice.page.title, "text": plain_text(notice.warning), "url": notice.page.url}
        for notice in notices_between(user, since, until, language)
    ]
