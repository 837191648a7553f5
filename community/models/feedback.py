"""What visitors and members write to the curators through the “Feedback” tab."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackMessage(models.Model):
    """What a visitor wrote through the “Feedback” tab; curators read and resolve it."""

    message = models.TextField(_("message"), max_length=5000)
    contact = models.CharField(
        _("contact (optional)"),
        max_length=255,
        blank=True,
        help_text=_("An email address or another way to reach you, only if you want an answer."),
    )
    # Null for anonymous feedback, and once a member deletes their account.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    curator_note = models.TextField(_("curator's note"), blank=True)

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["resolved", "-created_at"]
        db_table = "home_feedbackmessage"  # the table kept its name when the model moved here

    def __str__(self):
        return self.message[:60]

    def save(self, *args, **kwargs):
        if self.resolved and self.resolved_at is None:
            self.resolved_at = timezone.now()
        elif not self.resolved:
            self.resolved_at = None
        super().save(*args, **kwargs)
