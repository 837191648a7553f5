"""The personal library: members' collections of resources, each item with a personal note."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Collection(models.Model):
    """A member's named list of resources; private unless the member makes it public."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resource_collections",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Anyone with the link can see a public collection. Private ones only you."),
    )
    # The collection “Save” uses when the member does not pick one.
    is_default = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "library_collection"  # the table kept its name when the model moved here
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["-is_default", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(is_default=True),
                name="library_collection_one_default",
            )
        ]

    def __str__(self):
        return self.name


class CollectionItem(models.Model):
    """One resource (by translation_key, so it follows the reader's language) in a collection."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    translation_key = models.UUIDField(_("resource"))
    note = models.TextField(_("personal note"), max_length=2000, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Who added it, shown by the public_name rule; kept (unnamed) when they delete their account.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "library_collectionitem"  # the table kept its name when the model moved here
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "translation_key"], name="library_collection_item_once"
            )
        ]

    def __str__(self):
        return str(self.translation_key)
