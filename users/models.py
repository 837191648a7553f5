"""Members: pseudonymous accounts. No real name is asked for; the username is the identity."""

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from .usernames import username_skeleton


class User(AbstractUser):
    """A member. `first_name`/`last_name` stay empty: Tasharuk never asks for a real name."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    # What look-alike usernames reduce to; a new name whose skeleton is taken is refused.
    username_skeleton = models.CharField(max_length=150, blank=True, db_index=True, editable=False)

    # Privacy choices: what other people may see. Everything is private until the member opts in.
    show_display_name = models.BooleanField(_("show my display name"), default=False)
    show_bio = models.BooleanField(_("show my “about me” text"), default=False)
    show_collections = models.BooleanField(_("show my public collections"), default=False)
    show_ratings = models.BooleanField(_("show my ratings"), default=False)
    show_submissions = models.BooleanField(_("show the resources I submitted"), default=False)
    # A public contributor page, and credit by name in the history of pages the member improved.
    show_contributions = models.BooleanField(
        _("show my contributor page and credit me by name"),
        default=False,
        help_text=_(
            "A public page listing your published submissions, accepted suggestions, "
            "translations and public collections. Without it you are credited as “a member”."
        ),
    )

    PRIVACY_FIELDS = (
        "show_display_name",
        "show_bio",
        "show_collections",
        "show_ratings",
        "show_submissions",
        "show_contributions",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        self.username_skeleton = username_skeleton(self.username)
        if kwargs.get("update_fields") is not None and "username" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "username_skeleton"}
        super().save(*args, **kwargs)


BACKUP_CODE_COUNT = 10
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def normalise_backup_code(code):
    return "".join(code.split()).replace("-", "").lower()


class BackupCodeDevice(ThrottlingMixin, Device):
    """Single-use recovery codes, stored only as password hashes (django-otp's own static
    device keeps them in clear text, which a database leak would hand to an attacker)."""

    class Meta(Device.Meta):
        verbose_name = _("backup codes")
        verbose_name_plural = _("backup codes")

    def get_throttle_factor(self):
        return 1

    @transaction.atomic
    def generate_codes(self):
        """Replace every code with a fresh set; return the plain codes, to be shown once."""
        self.codes.all().delete()
        plain = [get_random_string(10, BACKUP_CODE_ALPHABET) for _i in range(BACKUP_CODE_COUNT)]
        BackupCode.objects.bulk_create(
            BackupCode(device=self, code_hash=make_password(code)) for code in plain
        )
        return [f"{code[:5]}-{code[5:]}" for code in plain]

    def verify_token(self, token):
        verify_allowed, _data = self.verify_is_allowed()
        if not verify_allowed:
            return False
        token = normalise_backup_code(str(token))
        with transaction.atomic():
            for code in self.codes.select_for_update():
                if check_password(token, code.code_hash):
                    code.delete()  # single use
                    self.throttle_reset()
                    return True
        self.throttle_increment()
        return False


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, related_name="codes", on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=256)

    class Meta:
        verbose_name = _("backup code")
        verbose_name_plural = _("backup codes")

    def __str__(self):
        return gettext("backup code")
