"""Members' plain-text comments on resources, and reports about them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 4000


class Comment(models.Model):
    """Plain text; links are made clickable on display, never stored as HTML."""

    PUBLISHED = "published"
    HELD = "held"
    HIDDEN = "hidden"
    STATUS_CHOICES = [
        (PUBLISHED, _("Published")),
        (HELD, _("Held for review")),
        (HIDDEN, _("Hidden by a curator")),
    ]

    # Null once the author deleted their account but chose to keep their contributions.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_comments",
        verbose_name=_("author"),
    )
    translation_key = models.UUIDField(_("resource"), db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PUBLISHED)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        db_table = "library_comment"  # the table kept its name when the model moved here
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.body[:60]

    @property
    def author_name(self):
        from users.public_identity import COMMENT, public_name

        return public_name(self.author, COMMENT) or _("former member")


class CommentReport(models.Model):
    """A member's report that a comment needs a curator's eyes; one per member per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "library_commentreport"  # the table kept its name when the model moved here
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="library_comment_report_once"
            )
        ]

    def __str__(self):
        return self.reason[:60]
