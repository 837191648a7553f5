"""The rules of a training program: enrolment, unlocking, scoring, review, discussion, certificates.

Views, admin screens and the demo call these plain functions. A rule that refuses raises
`Refused` with a translated message, before anything is written. Each concern lives in its own
module; this package re-exports their public names, so callers write `services.enrol(...)`.
"""

from .assessments import (
    answers_for_review,
    correct_choices,
    questions,
    score_answers,
    submit_assessment,
)
from .certificates import CERTIFICATE_CODE_BYTES, certificate_program, issue_certificate
from .discussion import (
    POST_MAX_LENGTH,
    Thread,
    author_names,
    can_discuss,
    post_message,
    posts_after,
    threads,
)
from .enrolment import enrol, enrolment_for, places_left, update_enrolment
from .pages import program_context, week_context
from .progress import WeekState, all_passed, next_step, state_of, week_states
from .refusal import Refused
from .review import let_through, review_submission
from .roles import is_mentor, mentor_name, mentor_names, mentored_programs, mentors_of
from .structure import ProgramWeek, program_of, program_weeks, source_program, weeks_of

__all__ = [
    "CERTIFICATE_CODE_BYTES",
    "POST_MAX_LENGTH",
    "ProgramWeek",
    "Refused",
    "Thread",
    "WeekState",
    "all_passed",
    "answers_for_review",
    "author_names",
    "can_discuss",
    "certificate_program",
    "correct_choices",
    "enrol",
    "enrolment_for",
    "issue_certificate",
    "is_mentor",
    "let_through",
    "mentor_name",
    "mentor_names",
    "mentored_programs",
    "mentors_of",
    "next_step",
    "places_left",
    "post_message",
    "posts_after",
    "program_context",
    "program_of",
    "program_weeks",
    "questions",
    "review_submission",
    "score_answers",
    "source_program",
    "state_of",
    "submit_assessment",
    "threads",
    "update_enrolment",
    "week_context",
    "week_states",
    "weeks_of",
]
