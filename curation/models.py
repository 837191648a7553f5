"""Curation bookkeeping: link health and its history, and the public "wanted" notes on
category pages. Resources themselves stay in library/; these rows point at a resource by its
translation_key (the work, shared by its English and Arabic pages)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from library import vocabularies
from library.resource_urls import MAX_URL_LENGTH


class LinkHealth(models.Model):
    """The current health of one resource's source URL (the work's, so one row per
    translation_key); its history is in LinkCheck."""

    UNKNOWN = "unknown"
    OK = "ok"
    REDIRECTED = "redirected"
    FAILING = "failing"
    BROKEN = "broken"
    RETIRED = "retired"
    STATE_CHOICES = [
        (UNKNOWN, _("Not checked yet")),
        (OK, _("Working")),
        (REDIRECTED, _("Redirected")),
        (FAILING, _("Failing (not yet broken)")),
        (BROKEN, _("Broken")),
        (RETIRED, _("Retired (archived copy only)")),
    ]

    translation_key = models.UUIDField(unique=True)
    url = models.URLField(_("checked URL"), max_length=MAX_URL_LENGTH)
    state = models.CharField(
        _("link state"), max_length=12, choices=STATE_CHOICES, default=UNKNOWN, db_index=True
    )
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_outcome = models.CharField(_("last outcome"), max_length=16, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True)
    final_url = models.URLField(_("redirects to"), max_length=MAX_URL_LENGTH, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    framable = models.BooleanField(_("can be framed"), null=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, db_index=True)

    class Meta:
        verbose_name = _("link health")
        verbose_name_plural = _("link health")
        # Who may open curation's admin screens (superusers always may).
        permissions = [
            ("use_curation_tools", _("Can use the curators' reports and tools")),
            ("use_translation_tools", _("Can use the translation status report and PO files")),
        ]

    def __str__(self):
        return self.url

    @property
    def archive_url(self):
        """The web archive's copy of the source URL (its own URL pattern; nothing is fetched)."""
        return f"https://web.archive.org/web/{self.url}"


class LinkCheck(models.Model):
    """One check of one source URL: what the site answered, kept as history."""

    OUTCOME_CHOICES = [
        ("ok", _("Working")),
        ("redirected", _("Redirected")),
        ("client_error", _("Not found or refused (4xx)")),
        ("server_error", _("Server error (5xx)")),
        ("unreachable", _("Unreachable or too slow")),
        ("refused", _("Refused by the safe fetcher")),
    ]

    health = models.ForeignKey(LinkHealth, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True, db_index=True)
    url = models.URLField(_("URL"), max_length=MAX_URL_LENGTH)
    outcome = models.CharField(_("outcome"), max_length=16, choices=OUTCOME_CHOICES)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    final_url = models.URLField(_("final URL"), max_length=MAX_URL_LENGTH, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    framable = models.BooleanField(_("can be framed"), null=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked_at", "-id"]

    def __str__(self):
        return f"{self.url}: {self.outcome}"


class WantedNote(models.Model):
    """A public invitation on a category page: the library lacks resources there (a gap
    curators spotted in the knowledge-gap report) and members may submit some."""

    # Resources are filed under the default-language categories, so notes point there too;
    # the category page of either language shows them.
    category = models.ForeignKey(
        "library.CategoryPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("category"),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    resource_language = models.CharField(
        _("resources in language"),
        max_length=10,
        blank=True,
        choices=vocabularies.language_choices,
        help_text=_("Leave empty to ask for resources in any language."),
    )
    message_en = models.TextField(_("note in English"), blank=True)
    message_ar = models.TextField(_("note in Arabic"), blank=True)
    active = models.BooleanField(_("shown on the category page"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("wanted note")
        verbose_name_plural = _("wanted notes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.category.title} · {self.resource_language or '*'}"

    def message(self, language_code):
        """The curator's note in `language_code`, falling back to the other language."""
        own = self.message_ar if language_code == "ar" else self.message_en
        return own or self.message_en or self.message_ar
