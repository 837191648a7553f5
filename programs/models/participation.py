"""What members do in a program: enrol, answer assessments, discuss, earn a certificate.

Rows point at pages by `translation_key`, so one program is one program whichever language a
participant reads it in (the Arabic and English pages share the key).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

POST_MAX_LENGTH = 4000  # characters in one discussion message


class Enrolment(models.Model):
    program_key = models.UUIDField(db_index=True)
    # Null once the member deleted their account and chose to keep contributions anonymously.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="program_enrolments",
    )
    number = models.PositiveIntegerField(_("participant number"))
    pseudonym = models.CharField(
        _("name on your certificate and in discussions"), max_length=80, blank=True
    )
    # Off by default: only counted in statistics when the participant chooses to share it.
    country = models.CharField(_("country (optional)"), max_length=2, blank=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["program_key", "member"], name="one_enrolment_each"),
            models.UniqueConstraint(fields=["program_key", "number"], name="participant_number"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        """The name others see: the chosen pseudonym, never the username unless chosen."""
        return self.pseudonym or gettext("Participant %(number)s") % {"number": self.number}


class Submission(models.Model):
    """A participant's answers to one week's assessment (one row per week, updated on retry)."""

    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    STATUSES = [
        (PENDING, _("Waiting for a mentor")),
        (PASSED, _("Passed")),
        (FAILED, _("Not passed yet")),
    ]

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="submissions")
    week_key = models.UUIDField(db_index=True)
    answers = models.JSONField(default=dict)  # {question block id: choice indexes or text}
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # multiple-choice, percent
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    let_through = models.BooleanField(default=False)  # a mentor passed the week without answers
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        verbose_name = _("assessment answers")
        verbose_name_plural = _("assessment answers")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "week_key"], name="one_submission_a_week")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.get_status_display()}"


class Post(models.Model):
    """A question or an answer in a week's discussion (answers point at their question)."""

    program_key = models.UUIDField(db_index=True)
    week_key = models.UUIDField(db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=POST_MAX_LENGTH)
    by_mentor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["pk"]

    def __str__(self):
        return self.body[:60]


class Certificate(models.Model):
    """Issued once every week is passed; anyone holding the code can verify it."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=24, unique=True)
    name = models.CharField(max_length=80)  # the participant's chosen name, as issued
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code
