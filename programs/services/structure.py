"""A program's structure: its weeks, their order and their rules, and the program a week belongs to.

A program is one program in every language (DESIGN.md): which weeks it has, in which order, and
their rules (deadline, pass mark, right answers) come from the source language's tree, matched
by translation key. Translations only change the text a reader sees. So a week missing or
unpublished in one language never drops out of the program, nor opens early, in the other.
"""

from dataclasses import dataclass

from wagtail_localize.models import TranslationSource

from ..models import ProgramPage, WeekPage


@dataclass(frozen=True)
class ProgramWeek:
    """One week of a program: `rules` is its page in the source language's tree (its place and
    what counts: deadline, pass mark, right answers), `page` the page a reader of the
    program's language is shown: their translation when it is readable, else the source's (or
    another language's) readable page, so the week is still there to follow."""

    rules: WeekPage
    page: WeekPage

    @property
    def translation_key(self):
        return self.rules.translation_key


def source_program(program):
    """The version of `program` its translations were made from (wagtail-localize records the
    source's locale); a program never translated through it is its own first version."""
    versions = ProgramPage.objects.filter(translation_key=program.translation_key)
    source = (
        TranslationSource.objects.filter(object_id=program.translation_key)
        .order_by("created_at")
        .first()
    )
    if source is not None:
        page = versions.filter(locale_id=source.locale_id).first()
        if page is not None:
            return page
    return versions.order_by("pk").first()


def program_weeks(program):
    """The program's weeks in order, the same in every language: the weeks of the source
    program's tree, in its order, that are readable in at least one language (live, under a
    live version of the program). A week unpublished or missing in one language stays in the
    program for the others, so it can neither be skipped nor open the week after it; a week
    readable nowhere (a draft, a withdrawn week) is not part of the program."""
    source = source_program(program)
    tree = list(WeekPage.objects.child_of(source).order_by("path"))
    live_programs = set(
        ProgramPage.objects.live()
        .filter(translation_key=program.translation_key)
        .values_list("path", flat=True)
    )
    readable = {}  # translation key -> {locale id: page}
    for week in WeekPage.objects.live().filter(
        translation_key__in=[week.translation_key for week in tree]
    ):
        if week.path[: -WeekPage.steplen] in live_programs:
            readable.setdefault(week.translation_key, {})[week.locale_id] = week
    weeks = []
    for week in tree:
        versions = readable.get(week.translation_key)
        if not versions:
            continue
        page = (
            versions.get(program.locale_id)
            or versions.get(source.locale_id)
            or next(iter(versions.values()))
        )
        weeks.append(ProgramWeek(rules=week, page=page))
    return weeks


def weeks_of(program):
    """The program's weeks in order, as the pages shown to readers of `program`'s language."""
    return [week.page for week in program_weeks(program)]


def program_of(week):
    return ProgramPage.objects.get(pk=week.get_parent().pk)
