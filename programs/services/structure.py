"""A program's structure: its weeks and the program a week belongs to."""

from ..models import ProgramPage, WeekPage


def weeks_of(program):
    """The program's live weeks, in the order the trainer arranged them in the page tree."""
    return list(WeekPage.objects.child_of(program).live().order_by("path"))


def program_of(week):
    return ProgramPage.objects.get(pk=week.get_parent().pk)
