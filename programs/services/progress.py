"""Progress and unlocking: where a participant stands in each week of a program."""

from dataclasses import dataclass

from django.utils import timezone

from ..models import Submission, WeekPage
from .structure import program_of, weeks_of


@dataclass
class WeekState:
    """Where one participant stands in one week."""

    week: WeekPage
    number: int
    unlocked: bool
    submission: Submission | None = None
    deadline_passed: bool = False

    @property
    def passed(self):
        return self.submission is not None and self.submission.status == Submission.PASSED

    @property
    def pending(self):
        return self.submission is not None and self.submission.status == Submission.PENDING

    @property
    def failed(self):
        return self.submission is not None and self.submission.status == Submission.FAILED


def week_states(weeks, enrolment):
    """Week 1 is open to every participant; each later week opens when the one before is passed
    (by the assessment or by a mentor letting the participant through)."""
    submissions = {}
    if enrolment is not None:
        submissions = {s.week_key: s for s in enrolment.submissions.all()}
    now = timezone.now()
    states = []
    previous_passed = True
    for number, week in enumerate(weeks, start=1):
        state = WeekState(
            week=week,
            number=number,
            unlocked=enrolment is not None and previous_passed,
            submission=submissions.get(week.translation_key),
            deadline_passed=week.deadline is not None and now > week.deadline,
        )
        states.append(state)
        previous_passed = state.unlocked and state.passed
    return states


def state_of(week, enrolment, program=None):
    program = program or program_of(week)
    for state in week_states(weeks_of(program), enrolment):
        if state.week.translation_key == week.translation_key:
            return state
    return None


def next_step(states):
    """The first open week not yet passed: what the participant should do next."""
    for state in states:
        if state.unlocked and not state.passed:
            return state
    return None


def all_passed(states):
    return bool(states) and all(state.passed for state in states)
