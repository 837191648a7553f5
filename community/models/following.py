"""Following: what members follow, when they last looked, and the digest they chose."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .collections import Collection


class Follow(models.Model):
    """One thing a member follows. `target` identifies it in a way that survives renames and
    both languages: a category's slug, a program's translation key, a collection's id, or a
    saved search's normalised query string."""

    CATEGORY = "category"
    COLLECTION = "collection"
    SEARCH = "search"
    PROGRAM = "program"
    KIND_CHOICES = [
        (CATEGORY, _("category")),
        (COLLECTION, _("collection")),
        (SEARCH, _("saved search")),
        (PROGRAM, _("training program")),
    ]

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=KIND_CHOICES)
    target = models.CharField(max_length=600)
    # Set for collections, so a deleted collection takes its follows with it.
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, null=True, blank=True, related_name="followers"
    )
    label = models.CharField(_("name"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "target"], name="follow_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label or self.target}"
