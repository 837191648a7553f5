"""Search bookkeeping: the database fallback's documents, the indexing outbox and the
anonymous zero-result counts that feed the knowledge-gap report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One resource (all its translations) denormalised for the database fallback.

    The same indexing pipeline that feeds the engine keeps these rows current, so search still
    answers with no engine configured (SQLite, `make run`) or while the engine is down.
    """

    translation_key = models.UUIDField(unique=True)
    # Normalised (search.normalization) text of both languages, per weighted field.
    title = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Every field above joined, for one cheap containment filter per query word.
    text = models.TextField(blank=True)
    # Per-locale id/url/title/summary, as results show them.
    display = models.JSONField(default=dict)
    categories = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    media_format = models.CharField(max_length=20, blank=True)
    regions = models.JSONField(default=list)
    license = models.CharField(max_length=40, blank=True)
    # Session metadata (library.session_metadata); minute_steps: the "under N minutes" steps.
    level = models.CharField(max_length=20, blank=True)
    audience = models.JSONField(default=list)
    minute_steps = models.JSONField(default=list)
    time_minutes = models.PositiveIntegerField(null=True)
    # The publisher's slug (library.creators): `?publisher=` narrows a search by it.
    publisher = models.CharField(max_length=80, blank=True, db_index=True)
    source_url = models.URLField(max_length=2048, blank=True)
    rating_average = models.FloatField(default=0.0)
    rating_count = models.PositiveIntegerField(default=0)
    rating_bayesian = models.FloatField(default=0.0, db_index=True)
    published_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.translation_key)


class PendingIndexUpdate(models.Model):
    """A resource whose index entry is out of date (the outbox).

    Rows are written in the same transaction as the change, so an update cannot be lost when the
    engine is down; they are deleted once the engine has taken the new version.
    """

    translation_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self):
        return str(self.translation_key)


class ZeroResultQuery(models.Model):
    """How often a normalised query found nothing, per locale and day. No user, no address."""

    query = models.CharField(max_length=200)
    locale = models.CharField(max_length=10)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("zero-result search")
        verbose_name_plural = _("zero-result searches")
        constraints = [  # one row per query, locale and day
            models.UniqueConstraint(
                fields=["query", "locale", "day"], name="zero_result_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.query} ({self.locale}, {self.day}): {self.count}"
