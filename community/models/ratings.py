"""Members' star ratings: one per member per work (translation_key), 1 to 5 stars."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.Model):
    """A member's stars for a resource; the work is its translation_key, so the English and
    Arabic pages share one rating."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resource_ratings",
        verbose_name=_("member"),
    )
    translation_key = models.UUIDField(_("resource"), db_index=True)
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "library_rating"  # the table kept its name when the model moved here
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "translation_key"], name="library_rating_one_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="library_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.stars}★"
