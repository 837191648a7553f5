"""Progress and unlocking: where a participant stands in each week of a program."""

from dataclasses import dataclass

from django.utils import timezone

from ..models import Submission, WeekPage
from .structure import program_of, program_weeks


@dataclass
class WeekState:
    """Where one participant stands in one week. `week` is the page the reader is shown,
    `rules` the source language's page whose deadline and assessment count."""

    week: WeekPage
    rules: WeekPage
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
    (by the assessment or by a mentor letting the participant through). `weeks` is the
    program's structure (`program_weeks()`), the same whichever language it is read in."""
    submissions = {}
    if enrolment is not None:
        submissions = {s.week_key: s for s in enrolment.submissions.all()}
    now = timezone.now()
    states = []
    previous_passed = True
    for number, week in enumerate(weeks, start=1):
        state = WeekState(
            week=week.page,
            rules=week.rules,
            number=number,
            unlocked=enrolment is not None and previous_passed,
            submission=submissions.get(week.translation_key),
            deadline_passed=week.rules.deadline is not None and now > week.rules.deadline,
        )
        states.append(state)
        previous_passed = state.unlocked and state.passed
    return states


def state_of(week, enrolment, program=None):
    """The participant's state in `week` (a page in any language), or None when the week is not
    part of the program's structure (say, live in a translation but unpublished in the source)."""
    program = program or program_of(week)
    for state in week_states(program_weeks(program), enrolment):
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
