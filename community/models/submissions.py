"""Members' submissions and the identity table that makes duplicate URLs impossible."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from library.resource_urls import MAX_URL_LENGTH


class ResourceIdentity(models.Model):
    """One row per normalised URL in the library. Its unique index is what stops two members
    submitting the same resource at the same moment: the second insert fails."""

    normalized_url = models.CharField(max_length=MAX_URL_LENGTH, unique=True)
    translation_key = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "library_resourceidentity"  # the table kept its name when the model moved here
        verbose_name = _("resource identity")
        verbose_name_plural = _("resource identities")

    def __str__(self):
        return self.normalized_url


class Submission(models.Model):
    """A resource a member submitted: the draft page it became and what the member was told."""

    # Null once the member deleted their account but kept their contributions.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_submissions",
        verbose_name=_("member"),
    )
    page = models.ForeignKey(
        "library.ResourcePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource page"),
    )
    translation_key = models.UUIDField(db_index=True)
    source_url = models.CharField(_("URL"), max_length=MAX_URL_LENGTH)
    title = models.CharField(_("title"), max_length=255)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The member has seen the “published” notice on My submissions.
    publication_seen = models.BooleanField(default=False)

    class Meta:
        db_table = "library_submission"  # the table kept its name when the model moved here
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title
