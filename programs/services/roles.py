"""Who mentors a program (chosen on any language's page of it) and the names mentors show."""

from django.utils.translation import gettext as _

from ..models import ProgramPage


def is_mentor(user, program_key):
    """Mentors are chosen per program (on any language's page of it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return ProgramPage.objects.filter(translation_key=program_key, mentors=user).exists()


def mentor_name(user):
    """A mentor's public name: their display name only if they chose to show it."""
    if user.show_display_name and user.display_name:
        return user.display_name
    return _("Mentor")


def mentors_of(program_key):
    """Mentors chosen on any language version of the program (translations sync them later)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(mentored_programs__translation_key=program_key)
        .distinct()
        .order_by("pk")
    )


def mentored_programs(user, locale):
    """The live programs `user` mentors, in `locale` where translated."""
    keys = set(ProgramPage.objects.filter(mentors=user).values_list("translation_key", flat=True))
    pages = []
    for key in keys:
        versions = ProgramPage.objects.live().filter(translation_key=key)
        page = versions.filter(locale=locale).first() or versions.first()
        if page is not None:
            pages.append(page)
    return sorted(pages, key=lambda page: page.title)


def mentor_names(program):
    return [mentor_name(user) for user in mentors_of(program.translation_key)]
