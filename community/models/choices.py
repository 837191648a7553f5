"""A member's choices about working with others: invitations and e-mail digests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberChoices(models.Model):
    """A member's choices about working with others (invitations, digests) and the marks
    “New for you” and the digests count from. Made on first use; absent means the defaults."""

    NEVER = "never"
    DAILY = "daily"
    WEEKLY = "weekly"
    FREQUENCY_CHOICES = [
        (NEVER, _("No e-mail")),
        (DAILY, _("A daily digest")),
        (WEEKLY, _("A weekly digest")),
    ]

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_choices"
    )
    # Off: nobody can invite the member, and an invitation reads as if the name did not exist.
    accepts_invitations = models.BooleanField(
        _("other members may invite me to co-edit their collections"), default=True
    )
    frequency = models.CharField(
        _("e-mail digest"), max_length=8, choices=FREQUENCY_CHOICES, default=NEVER
    )
    language = models.CharField(
        _("digest language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # “New for you” lists what appeared after the previous visit.
    seen_at = models.DateTimeField(null=True, blank=True)
    # The next digest lists what appeared after the last one (or after the member chose one).
    digest_since = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member choices")
        verbose_name_plural = _("member choices")

    def __str__(self):
        return self.get_frequency_display()
