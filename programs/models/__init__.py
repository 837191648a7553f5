"""Training programs: the pages trainers edit and what participants and mentors do in them."""

from .pages import PROGRAM_LANGUAGES, ProgramIndexPage, ProgramPage, WeekPage
from .participation import POST_MAX_LENGTH, Certificate, Enrolment, Post, Submission

__all__ = [
    "POST_MAX_LENGTH",
    "PROGRAM_LANGUAGES",
    "Certificate",
    "Enrolment",
    "Post",
    "ProgramIndexPage",
    "ProgramPage",
    "Submission",
    "WeekPage",
]
