"""Stable short links (/s/<code>) for resources and public collections; no click tracking."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShortLink(models.Model):
    """A random code naming a resource (by translation_key, so slug changes and the reader's
    language do not matter) or a collection."""

    code = models.CharField(max_length=16, unique=True)
    translation_key = models.UUIDField(null=True, blank=True, unique=True)
    collection = models.OneToOneField(
        "community.Collection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="short_link",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "library_shortlink"  # the table kept its name when the model moved here
        verbose_name = _("short link")
        verbose_name_plural = _("short links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(translation_key__isnull=False, collection__isnull=True)
                | models.Q(translation_key__isnull=True, collection__isnull=False),
                name="library_shortlink_one_target",
            )
        ]

    def __str__(self):
        return self.code
