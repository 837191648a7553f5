"""Shared collections: co-editors invited by the owner, what they did, and curators' features."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .collections import Collection


class CollectionEditor(models.Model):
    """A member invited to co-edit a collection, and where that invitation stands.

    The row stays after a decline, a departure or a removal: a declined member cannot be
    invited again and again, and an ex-editor's late edit is refused with a clear reason."""

    INVITED = "invited"
    ACTIVE = "active"
    DECLINED = "declined"
    LEFT = "left"
    REMOVED = "removed"
    STATUS_CHOICES = [
        (INVITED, _("invited")),
        (ACTIVE, _("editor")),
        (DECLINED, _("declined")),
        (LEFT, _("left")),
        (REMOVED, _("removed by the owner")),
    ]

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="editors")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_roles"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=INVITED)
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("collection editor")
        verbose_name_plural = _("collection editors")
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "member"], name="collection_editor_once")
        ]

    def __str__(self):
        return f"{self.member} · {self.collection}"


class CollectionActivity(models.Model):
    """One line of a collection's short activity list (only the latest few are kept)."""

    INVITED = "invited"
    JOINED = "joined"
    DECLINED = "declined"
    LEFT = "left"
    REMOVED_EDITOR = "removed_editor"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    NOTED = "noted"
    VERB_CHOICES = [
        (INVITED, _("invited an editor")),
        (JOINED, _("joined as an editor")),
        (DECLINED, _("declined an invitation")),
        (LEFT, _("left the editors")),
        (REMOVED_EDITOR, _("removed an editor")),
        (ADDED, _("added a resource")),
        (REMOVED, _("removed a resource")),
        (MOVED, _("reordered a resource")),
        (NOTED, _("annotated a resource")),
    ]

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="activity")
    # Kept (without a name) when the member deletes their account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=20, choices=VERB_CHOICES)
    translation_key = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("collection activity")
        verbose_name_plural = _("collection activity")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.get_verb_display()


class FeaturedCollection(models.Model):
    """A public collection curators show as “Curated by members” on the home page and/or on
    category pages. It disappears by itself when the owner makes the collection private."""

    collection = models.OneToOneField(
        Collection,
        on_delete=models.CASCADE,
        related_name="feature",
        limit_choices_to={"is_public": True},
        verbose_name=_("collection"),
    )
    on_home_page = models.BooleanField(_("show on the home page"), default=True)
    categories = models.ManyToManyField(
        "library.CategoryPage",
        blank=True,
        related_name="+",
        verbose_name=_("show on these category pages"),
        # Categories are filed in the default language; each language's page finds its source.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    featured_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("featured collection")
        verbose_name_plural = _("featured collections")
        ordering = ["-featured_at", "-id"]

    def __str__(self):
        return self.collection.name
