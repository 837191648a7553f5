"""What mentors decide: reviewing answers that wait for them, letting a participant through."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Submission
from .progress import state_of
from .refusal import Refused
from .roles import is_mentor
from .structure import program_of


def _require_mentor(user, program_key):
    if not is_mentor(user, program_key):
        raise Refused(_("Only this program's mentors can do that."))


def review_submission(mentor, submission, passed, note=""):
    """A mentor of the submission's program decides on answers waiting for review."""
    _require_mentor(mentor, submission.enrolment.program_key)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Submission.PENDING:
            raise Refused(_("These answers have already been reviewed."))
        submission.status = Submission.PASSED if passed else Submission.FAILED
        submission.reviewed_by = mentor
        submission.reviewed_at = timezone.now()
        submission.review_note = note.strip()
        submission.save()
    return submission


def let_through(mentor, enrolment, week, note=""):
    """A mentor of the program passes a participant's week without (further) answers, so the
    next week opens; the week must already be open to the participant."""
    _require_mentor(mentor, enrolment.program_key)
    program = program_of(week)
    if program.translation_key != enrolment.program_key:
        raise Refused(_("This week belongs to another program."))
    state = state_of(week, enrolment, program)
    if state is None or not state.unlocked:
        raise Refused(_("This week is still locked: pass the previous week's assessment first."))
    if state.passed:
        raise Refused(_("This participant has already passed this week."))
    submission, _created = Submission.objects.update_or_create(
        enrolment=enrolment,
        week_key=week.translation_key,
        defaults={
            "status": Submission.PASSED,
            "let_through": True,
            "reviewed_by": mentor,
            "reviewed_at": timezone.now(),
            "review_note": note.strip(),
        },
    )
    return submission
