"""What trainers keep: workshop agendas (sessions, breaks, library resources) and the offline
packs built from agendas, public collections and training programs."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# An agenda is one working day at most: longer plans are split into several agendas.
MAX_AGENDA_MINUTES = 24 * 60


class Agenda(models.Model):
    """A member's workshop plan. Private until shared by its unguessable link."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_agendas",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language of the content"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    starts_at = models.TimeField(_("start time"), default=datetime.time(9, 0))
    # secrets.token_urlsafe(24): set when shared, cleared when sharing stops.
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    show_author = models.BooleanField(
        _("show my public name on the shared agenda"),
        default=False,
        help_text=_("Off: readers of the shared link see no name."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workshop agenda")
        verbose_name_plural = _("workshop agendas")
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """A session or a break, in order; its start time follows from the ones before it."""

    SESSION = "session"
    BREAK = "break"
    KINDS = [(SESSION, _("Session")), (BREAK, _("Break"))]

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=SESSION)
    title = models.CharField(_("title"), max_length=200, blank=True)
    minutes = models.PositiveIntegerField(_("duration in minutes"))
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title or self.get_kind_display()


class AgendaResource(models.Model):
    """A library resource used in a session, by translation key: it follows the reader's
    language and survives unpublishing (shown then as no longer available)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resources")
    translation_key = models.UUIDField(_("resource"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "translation_key"], name="trainers_one_resource_per_session"
            )
        ]

    def __str__(self):
        return str(self.translation_key)


class Pack(models.Model):
    """One built offline pack (ZIP) of a source in a language, valid while the source's content
    hash is unchanged; a changed source gets a new pack and the old one is deleted."""

    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"
    STATUSES = [(BUILDING, _("Being built")), (READY, _("Ready")), (FAILED, _("Failed"))]

    kind = models.CharField(max_length=20)  # see trainers.packs.sources.KINDS
    source = models.CharField(max_length=80)  # the source's id or share token
    language = models.CharField(max_length=8)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=STATUSES, default=BUILDING)
    file = models.CharField(max_length=255, blank=True)  # name in the default storage
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source", "language", "content_hash"], name="trainers_one_pack"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.source}:{self.language}"
