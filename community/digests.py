"""E-mail digests of what is new in what a member follows: daily or weekly, in the member's
language, only to a confirmed address.

A digest is plain HTML and text with direct links to the site: no images, no tracking pixels,
no redirecting or personalised links, except the unsubscribe link, which carries a signed
token (django.core.signing) so it works signed out, and which the `List-Unsubscribe` and
`List-Unsubscribe-Post` headers (RFC 8058 one-click) point at too.

`send_due_digests(now)` is what the scheduled task and `manage.py send_digests` run; it is
safe to run as often as wanted: a member gets a digest only once per period.
"""

import logging
from datetime import timedelta
from urllib.parse import urljoin

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .following import whats_new
from .models import Follow, MemberChoices

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.digests.unsubscribe"
# A digest is due once the period has passed since the last one, less this margin, so a timer
# that fires a few minutes early or late does not skip a day.
MARGIN = timedelta(hours=2)
PERIODS = {MemberChoices.DAILY: timedelta(days=1), MemberChoices.WEEKLY: timedelta(days=7)}


# Other apps add notices to digests without this app knowing them (safety/ adds tool warnings):
# callables (user, since, until, language) -> [{"title", "text", "url" (a path)}], run in the
# member's language.
_notice_sources = []


def add_notice_source(source):
    """Add `source` to every digest (see _notice_sources)."""
    if source not in _notice_sources:
        _notice_sources.append(source)


def _notices(user, since, until, language):
    with translation.override(language):
        return [
            {**notice, "url": _absolute(notice["url"])}
            for source in _notice_sources
            for notice in source(user, since, until, language)
        ]


class DigestRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def choices_for(user):
    """The member's choices row, made with the defaults on first use."""
    choices, _created = MemberChoices.objects.get_or_create(member=user)
    return choices


def confirmed_address(user):
    """The member's confirmed e-mail address (the primary one first), or None."""
    address = (
        EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    )
    return address.email if address else None


def choose_digest(user, frequency, language):
    """Set the member's digest; a digest without a confirmed address is refused, and nothing
    changes. Choosing one starts its window now: it lists what appears from now on."""
    if frequency not in dict(MemberChoices.FREQUENCY_CHOICES):
        raise DigestRefused(_("Choose how often you want a digest."))
    if language not in dict(settings.LANGUAGES):
        raise DigestRefused(_("Choose the language of your digest."))
    if frequency != MemberChoices.NEVER and confirmed_address(user) is None:
        raise DigestRefused(_("Add an e-mail address and confirm it before choosing a digest."))
    with transaction.atomic():
        choices = MemberChoices.objects.select_for_update().filter(member=user).first()
        choices = choices or MemberChoices.objects.create(member=user)
        if frequency != MemberChoices.NEVER and choices.frequency == MemberChoices.NEVER:
            choices.digest_since = timezone.now()
        choices.frequency, choices.language = frequency, language
        choices.save(update_fields=["frequency", "language", "digest_since"])
    return choices


# --- Unsubscribing without signing in --------------------------------------------------------


def unsubscribe_token(user):
    """A signed token naming the member; it can do one thing: stop their digests."""
    return signing.dumps({"member": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, language):
    with translation.override(language):
        path = reverse("community_digest_unsubscribe", args=[unsubscribe_token(user)])
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def member_id_from_token(token):
    """The member id a token was made for, or None for a forged or damaged one."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT).get("member")
    except (signing.BadSignature, AttributeError, TypeError, ValueError):
        return None


def unsubscribe(member_id):
    """Stop the member's digests; True when the token's member exists."""
    MemberChoices.objects.filter(member_id=member_id).update(frequency=MemberChoices.NEVER)
    return get_user_model().objects.filter(pk=member_id).exists()


# --- Building and sending --------------------------------------------------------------------


def is_due(choices, now):
    period = PERIODS.get(choices.frequency)
    if period is None:
        return False
    last = choices.last_sent_at or choices.digest_since
    return last is None or now - last >= period - MARGIN


def _absolute(path):
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def build_digest(user, choices, now):
    """The digest e-mail for the window (digest_since, now], or None when nothing is new or
    the member has no confirmed address."""
    address = confirmed_address(user)
    if address is None:
        return None
    since = choices.digest_since or choices.last_sent_at or (now - PERIODS[choices.frequency])
    sections = whats_new(user, since, now, choices.language)
    notices = _notices(user, since, now, choices.language)
    if not sections and not notices:
        return None
    with translation.override(choices.language):
        for section in sections:
            section.url = _absolute(section.path)
            for item in section.items:
                item.url = _absolute(item.path)
        context = {
            "member": user,
            "sections": sections,
            "notices": notices,
            "frequency": choices.get_frequency_display(),
            "unsubscribe_url": unsubscribe_url(user, choices.language),
            "settings_url": _absolute(reverse("community_following")),
            "site_name": str(settings.SITE_NAME),
            "language": choices.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
        }
        subject = _("New on %(site)s in what you follow") % {"site": context["site_name"]}
        text = render_to_string("community/email/digest.txt", context)
        html = render_to_string("community/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, None, [address])
    message.attach_alternative(html, "text/html")
    message.extra_headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Content-Language": choices.language,
    }
    return message


def send_due_digests(now=None):
    """Send every digest that is due at `now`; return how many were sent. Each member is
    handled in their own transaction with their row locked, so two runs at once never send
    one digest twice, and one failure does not stop the others."""
    now = now or timezone.now()
    sent = 0
    candidates = MemberChoices.objects.exclude(frequency=MemberChoices.NEVER).filter(
        member__is_active=True, member__follows__isnull=False
    )
    for pk in candidates.values_list("pk", flat=True).distinct():
        try:
            with transaction.atomic():
                choices = (
                    MemberChoices.objects.select_for_update(skip_locked=True)
                    .select_related("member")
                    .filter(pk=pk)
                    .first()
                )
                if choices is None or not is_due(choices, now):
                    continue
                message = build_digest(choices.member, choices, now)
                if message is not None:
                    message.send()
                    sent += 1
                # The next digest starts where this one ended, sent or empty.
                choices.digest_since = now
                choices.last_sent_at = now
                choices.save(update_fields=["digest_since", "last_sent_at"])
        except Exception:  # one member's failure must not stop everyone else's digest
            logger.exception("digest for member choices %s failed", pk)
    return sent


def follow_count(user):
    return Follow.objects.filter(member=user).count()
