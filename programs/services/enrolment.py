"""Enrolment: joining a program, the places left, and what a participant chooses to share."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..models import Enrolment, ProgramPage
from .refusal import Refused


def enrolment_for(user, program_key):
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(program_key=program_key, member=user).first()


def places_left(program):
    if program.capacity is None:
        return None
    taken = Enrolment.objects.filter(program_key=program.translation_key).count()
    return max(program.capacity - taken, 0)


def enrol(user, program, pseudonym="", country=""):
    """Enrol `user` in `program`; refused when closed, full or already enrolled.

    All language versions of the program are locked while places are counted, so two members
    racing for the last place cannot both get it."""
    with transaction.atomic():
        list(
            Page.objects.select_for_update()
            .filter(translation_key=program.translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        program = ProgramPage.objects.get(pk=program.pk)
        enrolments = Enrolment.objects.filter(program_key=program.translation_key)
        if enrolments.filter(member=user).exists():
            raise Refused(_("You are already enrolled in this program."))
        if not program.enrolment_open or not program.live:
            raise Refused(_("Enrolment for this program is closed."))
        if program.capacity is not None and enrolments.count() >= program.capacity:
            raise Refused(
                _("This program is full: all %(capacity)s places are taken.")
                % {"capacity": program.capacity}
            )
        last = enrolments.order_by("-number").values_list("number", flat=True).first() or 0
        return Enrolment.objects.create(
            program_key=program.translation_key,
            member=user,
            number=last + 1,
            pseudonym=pseudonym.strip(),
            country=country,
        )


def update_enrolment(enrolment, pseudonym, country):
    """The participant changes the name others see, or what they share about their country."""
    enrolment.pseudonym = pseudonym.strip()
    enrolment.country = country
    enrolment.save(update_fields=["pseudonym", "country"])
    return enrolment
