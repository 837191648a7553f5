"""Members' plain-text comments on resources and their moderation: the services views share."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from library.models import ResourcePage

from .models import Comment, CommentReport


def members_setting(name):
    return settings.TASHARUK_MEMBERS[name]


def _resource_exists(translation_key):
    return ResourcePage.objects.live().filter(translation_key=translation_key).exists()


_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\u060c\u061b"  # plus Arabic comma and semicolon


def linkify(text):
    """Plain text to safe HTML: escape everything first, then turn http(s) URLs into links
    marked nofollow/ugc, and line breaks into <br>."""
    escaped = escape(text)

    def link(match):
        url = match.group(0)
        trailing = ""
        while url and url[-1] in _TRAILING:
            trailing = url[-1] + trailing
            url = url[:-1]
        # `url` is already escaped, so it cannot leave the attribute or the element.
        return (
            f'<a href="{url}" rel="nofollow ugc noopener noreferrer" target="_blank">{url}</a>'
            f"{trailing}"
        )

    html = _URL.sub(link, escaped)
    return mark_safe(html.replace("\r\n", "\n").replace("\n", "<br>"))


def visible_comments(translation_key, user=None, order="newest"):
    """Published comments, plus the viewer's own held ones (shown as awaiting review)."""
    comments = Comment.objects.filter(translation_key=translation_key).select_related("author")
    if user is not None and user.is_authenticated:
        comments = comments.filter(
            Q(status=Comment.PUBLISHED) | Q(status=Comment.HELD, author=user)
        )
    else:
        comments = comments.filter(status=Comment.PUBLISHED)
    return comments.order_by("created_at", "id") if order == "oldest" else comments


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > Comment._meta.get_field("body").max_length:
        raise ValidationError(_("That comment is too long."))
    return body


def post_comment(user, translation_key, body, language=""):
    """Add `user`'s comment; it is held for review while the member has fewer than the
    HOLD_FIRST_COMMENTS setting's published comments. Return the Comment."""
    body = _clean_body(body)
    if not _resource_exists(translation_key):
        raise ResourcePage.DoesNotExist
    status = Comment.HELD if _comments_are_held_for(user) else Comment.PUBLISHED
    return Comment.objects.create(
        author=user, translation_key=translation_key, body=body, language=language, status=status
    )


def _comments_are_held_for(user, except_comment=None):
    """True while `user` has fewer published comments than HOLD_FIRST_COMMENTS (not counting
    `except_comment`): their comments wait for a curator."""
    published = Comment.objects.filter(author=user, status=Comment.PUBLISHED)
    if except_comment is not None:
        published = published.exclude(pk=except_comment.pk)
    return published.count() < members_setting("HOLD_FIRST_COMMENTS")


def can_edit(comment, user):
    window = timedelta(minutes=members_setting("COMMENT_EDIT_MINUTES"))
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status != Comment.HIDDEN
        and timezone.now() - comment.created_at <= window
    )


def edit_comment(comment, user, body):
    """Change the text of `user`'s own comment within the edit window; PermissionDenied otherwise."""
    if not can_edit(comment, user):
        raise PermissionDenied
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    # A member whose first comments are held cannot slip new text past the curators by
    # editing the comment they just had approved: the edit goes back to review.
    if comment.status == Comment.PUBLISHED and _comments_are_held_for(user, except_comment=comment):
        comment.status = Comment.HELD
    comment.save(update_fields=["body", "edited_at", "status"])
    return comment


@transaction.atomic
def report_comment(comment, user, reason=""):
    """Record `user`'s report once; curators see reported comments first in the admin."""
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=user, defaults={"reason": (reason or "")[:500]}
    )
    if created:
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return created
