"""Members: pseudonymous accounts. No real name is asked for; the username is the identity."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member. `first_name`/`last_name` stay empty: Tasharuk never asks for a real name."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    bio = models.TextField(_("about me"), max_length=1000, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.display_name or self.username
