"""A tool's status history: one row per change, the latest row is the current status."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library import vocabularies
from library.fields import CodeListField


def country_choices():
    """The countries of the regions vocabulary (ISO 3166-1 alpha-2, lower case), by name."""
    return [(code, vocabularies.region_label(code)) for code in vocabularies.COUNTRY_CODES]


class CountryListField(CodeListField):
    """Countries from the regions vocabulary, with a refusal that names the vocabulary."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.code_choices,
            required=False,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            error_messages={
                "invalid_choice": _(
                    "“%(value)s” is not a country of the regions vocabulary: choose countries "
                    "from the list."
                )
            },
        )


class ToolStatus(models.Model):
    """One status set on a resource by a curator. It applies to the work in both languages (it
    is looked up by translation key); the newest row is the current status, older rows are its
    history. Rows are added, not edited: changing a status means setting a new one."""

    UNSAFE = "unsafe"
    UNMAINTAINED = "unmaintained"
    BLOCKED_IN = "blocked_in"
    CLEARED = "cleared"
    STATUS_CHOICES = [
        (UNSAFE, _("Unsafe")),
        (UNMAINTAINED, _("Unmaintained")),
        (BLOCKED_IN, _("Blocked in some countries")),
        (CLEARED, _("Cleared (no warning)")),
    ]
    WARNINGS = (UNSAFE, UNMAINTAINED, BLOCKED_IN)

    resource = models.ForeignKey(
        "library.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resource"),
        help_text=_("The status applies to the resource in both languages."),
    )
    # The work, in both languages: what every surface looks the status up by.
    translation_key = models.UUIDField(editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    countries = CountryListField(
        _("countries"),
        code_choices=country_choices,
        help_text=_("Only for “blocked in some countries”: where the tool is blocked."),
    )
    noted_on = models.DateField(_("date of the note"), default=timezone.localdate)
    # Blank in the database; ToolStatus.clean() refuses a missing note with its own message.
    note_en = models.TextField(_("note in English"), max_length=1000, blank=True)
    note_ar = models.TextField(_("note in Arabic"), max_length=1000, blank=True)
    alternative = models.ForeignKey(
        "library.ResourcePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("safer alternative"),
        help_text=_("Optional: a resource in the library readers should use instead."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tool status")
        verbose_name_plural = _("tool statuses")
        ordering = ["-set_at", "-pk"]
        indexes = [models.Index(fields=["translation_key", "-set_at"], name="safety_status_latest")]

    def __str__(self):
        return f"{self.resource.title if self.resource_id else '?'}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.resource_id:
            self.translation_key = self.resource.translation_key
        super().save(*args, **kwargs)

    @property
    def is_warning(self):
        return self.status in self.WARNINGS

    def clean(self):
        from .statuses import current_status

        errors = {}
        if not self.note_en.strip():
            errors["note_en"] = _("Write the note in English: English readers see this one.")
        if not self.note_ar.strip():
            errors["note_ar"] = _("Write the note in Arabic: Arabic readers see this one.")
        if self.status == self.BLOCKED_IN and not self.countries:
            errors["countries"] = _("Choose the countries where the tool is blocked.")
        if self.status != self.BLOCKED_IN and self.countries:
            errors["countries"] = _(
                "Countries are only for “blocked in some countries”: remove them or change "
                "the status."
            )
        known = {code for code, _label in country_choices()}
        unknown = [code for code in self.countries or [] if code not in known]
        if unknown:
            errors["countries"] = _(
                "“%(value)s” is not a country of the regions vocabulary: choose countries "
                "from the list."
            ) % {"value": ", ".join(map(str, unknown))}
        if self.alternative_id and self.resource_id:
            if self.alternative.translation_key == self.resource.translation_key:
                errors["alternative"] = _("A resource cannot be its own safer alternative.")
            else:
                current = current_status(self.alternative.translation_key)
                if current is not None and current.status == self.UNSAFE:
                    errors["alternative"] = _(
                        "This alternative is itself marked unsafe: choose another resource."
                    )
        if errors:
            raise ValidationError(errors)


class NoticeDismissal(models.Model):
    """A member closed the notice about one status change; the next change notifies again."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.ForeignKey(ToolStatus, on_delete=models.CASCADE, related_name="dismissals")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "status"], name="safety_dismiss_once")
        ]

    def __str__(self):
        return f"{self.member_id} dismissed {self.status_id}"
