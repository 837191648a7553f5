"""Certificates: issued once every week is passed, shown in the reader's language."""

import secrets

from django.utils.translation import gettext as _

from ..models import Certificate, ProgramPage
from .progress import all_passed, week_states
from .refusal import Refused
from .structure import program_weeks

CERTIFICATE_CODE_BYTES = 9  # 12 URL-safe characters, 72 random bits: short and unguessable


def issue_certificate(enrolment, program):
    """The participant's certificate, issued on first request once every week is passed: every
    week of the program's structure, whichever language's page asks (see `structure`)."""
    states = week_states(program_weeks(program), enrolment)
    if not all_passed(states):
        raise Refused(_("The certificate is issued once every week of the program is passed."))
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    return Certificate.objects.create(
        enrolment=enrolment,
        code=secrets.token_urlsafe(CERTIFICATE_CODE_BYTES),
        name=enrolment.public_name,
    )


def certificate_program(certificate, locale):
    """The program page a certificate is for, in `locale` when translated."""
    pages = ProgramPage.objects.filter(translation_key=certificate.enrolment.program_key)
    return pages.filter(locale=locale).first() or pages.first()
