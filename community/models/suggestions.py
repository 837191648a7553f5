"""Members' proposals to the curators: corrections of a resource's metadata, reports of a
problem with a resource, and volunteer translations of a title or summary.

Each row points at the work by its translation_key (shared by the English and Arabic pages),
stores only what the member proposed, and keeps the member only until they delete their
account (then their choice decides whether the row goes or stays without them).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Suggestion(models.Model):
    """A member's correction of a resource: the changed fields only, and the revisions of
    the resource's pages the member saw when they opened the form."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    STATUS_CHOICES = [
        (PENDING, _("Waiting for a curator")),
        (ACCEPTED, _("Accepted")),
        (REJECTED, _("Not accepted")),
    ]

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_suggestions",
        verbose_name=_("member"),
    )
    translation_key = models.UUIDField(_("resource"), db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # {"title_en": "...", "license": "CC-BY-4.0", "categories": ["privacy"], ...}
    changes = models.JSONField(_("proposed values"), default=dict)
    # The same keys with the values the member saw, so curators see current and proposed.
    original = models.JSONField(_("values when proposed"), default=dict)
    # {"en": revision id, "ar": revision id}: what the form was opened against.
    base_revisions = models.JSONField(default=dict)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    decision_note = models.CharField(_("curator's reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return ", ".join(sorted(self.changes))


class ProblemReport(models.Model):
    """A member's report that a resource has a problem; unsafe and harmful ones come first."""

    BROKEN_LINK = "broken_link"
    OUTDATED = "outdated"
    UNSAFE = "unsafe"
    WRONG_TRANSLATION = "wrong_translation"
    HARMFUL = "harmful"
    KIND_CHOICES = [
        (BROKEN_LINK, _("Broken link")),
        (OUTDATED, _("Outdated advice")),
        (UNSAFE, _("Unsafe or compromised tool")),
        (WRONG_TRANSLATION, _("Wrong translation")),
        (HARMFUL, _("Spam or harmful content")),
    ]
    URGENT_KINDS = (UNSAFE, HARMFUL)

    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"
    STATUS_CHOICES = [
        (OPEN, _("Open")),
        (RESOLVED, _("Resolved")),
        (DISMISSED, _("Dismissed")),
    ]

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_problem_reports",
        verbose_name=_("member"),
    )
    translation_key = models.UUIDField(_("resource"), db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    kind = models.CharField(_("problem"), max_length=20, choices=KIND_CHOICES)
    urgent = models.BooleanField(_("urgent"), default=False, editable=False, db_index=True)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True
    )
    decision_note = models.CharField(_("curator's note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-urgent", "-created_at", "-id"]
        constraints = [
            # One open report per member and resource; closed ones do not count.
            models.UniqueConstraint(
                fields=["member", "translation_key"],
                condition=models.Q(status="open"),
                name="community_one_open_report_per_member",
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    def save(self, *args, **kwargs):
        self.urgent = self.kind in self.URGENT_KINDS
        super().save(*args, **kwargs)


class VolunteerTranslation(models.Model):
    """A member's translation of a resource's title and/or summary into one language. It lives
    as a draft of that translation in wagtail-localize until a translator publishes it."""

    PENDING = "pending"
    PUBLISHED = "published"
    STATUS_CHOICES = [
        (PENDING, _("Waiting for a translator")),
        (PUBLISHED, _("Published")),
    ]

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_translations",
        verbose_name=_("member"),
    )
    translation_key = models.UUIDField(_("resource"), db_index=True)
    language = models.CharField(_("into"), max_length=10)
    title = models.CharField(_("title"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), max_length=1200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer translation")
        verbose_name_plural = _("volunteer translations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title or self.summary[:60]
