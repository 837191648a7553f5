"""Suggested corrections: a member proposes new metadata for a resource, a curator accepts
(the changes become a new revision of every page concerned, crediting the member) or rejects
with a reason the member reads on “My suggestions”.

A suggestion stores only the fields that changed, the values the member saw and the revisions
the form was opened against. When the resource changed while the member was typing, nothing
is saved: the member is shown what changed and decides again.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext

from library import session_metadata, vocabularies
from library.models import CategoryPage
from users.public_identity import CONTRIBUTION, public_name

from . import work_pages
from .models import Suggestion

LANGUAGES = ("en", "ar")
TEXT_FIELDS = {
    f"{name}_{code}": (name, code) for name in ("title", "summary") for code in LANGUAGES
}
# Synchronised fields: the same value on every page of the work.
SHARED_FIELDS = (
    "source_url",
    "license",
    "license_evidence",
    "media_format",
    "categories",
    "languages",
    "regions",
    # Session metadata (library.session_metadata)
    "level",
    "time_minutes",
    "audience",
)
# Lists of codes, compared sorted.
LIST_FIELDS = ("languages", "regions", "audience")
FIELDS = (*TEXT_FIELDS, *SHARED_FIELDS)
FIELD_LABELS = {
    "title_en": _("Title in English"),
    "title_ar": _("Title in Arabic"),
    "summary_en": _("Summary in English"),
    "summary_ar": _("Summary in Arabic"),
    "source_url": _("Web address (URL)"),
    "license": _("Licence"),
    "license_evidence": _("Where the licence is stated"),
    "media_format": _("Format"),
    "categories": _("Categories"),
    "languages": _("Languages of the resource"),
    "regions": _("Regions"),
    "level": _("Level"),
    "time_minutes": _("Time needed (minutes)"),
    "audience": _("Audience"),
}
ACCEPTED_ACTION = "community.suggestion_accepted"
SIGNING_SALT = "community.suggestion-opened"


def current_values(translation_key, pages=None):
    """The resource's metadata as members see it (the published values), keyed like FIELDS.
    Lists are sorted so that two readings compare equal when nothing changed."""
    pages = pages if pages is not None else work_pages.pages_by_language(translation_key)
    source = work_pages.source_page(translation_key, pages)
    values = {}
    for key, (name, code) in TEXT_FIELDS.items():
        page = pages.get(code)
        values[key] = getattr(page, name) if page is not None and page.live else ""
    for name in SHARED_FIELDS:
        if name == "categories":
            values[name] = sorted(source.categories.values_list("slug", flat=True))
        elif name in LIST_FIELDS:
            values[name] = sorted(getattr(source, name) or [])
        else:
            values[name] = getattr(source, name) or ""
    return values


def opened_token(translation_key):
    """A signed note of what the form showed (values and revisions), sent back with the form,
    so that a change made meanwhile is noticed and tampering is not possible."""
    pages = work_pages.pages_by_language(translation_key)
    return signing.dumps(
        {
            "key": str(translation_key),
            "values": current_values(translation_key, pages),
            "revisions": {code: page.latest_revision_id for code, page in pages.items()},
        },
        salt=SIGNING_SALT,
        compress=True,
    )


def read_opened_token(token, translation_key):
    """What opened_token() signed, or None when it is missing, forged or for another resource."""
    try:
        data = signing.loads(token or "", salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if data.get("key") != str(translation_key):
        return None
    return data


def proposed_changes(opened_values, cleaned):
    """{field: new value} for the fields the member changed from what the form showed."""
    changes = {}
    for name in FIELDS:
        value = cleaned.get(name)
        if name == "categories":
            value = sorted(category.slug for category in value or [])
        elif name in LIST_FIELDS:
            value = sorted(value or [])
        else:
            value = (value or "").strip() if isinstance(value, str) else (value or "")
        if value != opened_values.get(name):
            changes[name] = value
    return changes


def changed_since(opened_values, translation_key):
    """[(field, value when the form was opened, value now)] for fields changed meanwhile."""
    now = current_values(translation_key)
    return [
        (name, opened_values.get(name), now[name])
        for name in FIELDS
        if opened_values.get(name) != now[name]
    ]


@transaction.atomic
def create_suggestion(member, translation_key, opened, changes, reason="", language=""):
    """Store `member`'s suggestion: `changes` against `opened` (what read_opened_token gave).
    The caller has checked that nothing changed since the form was opened."""
    return Suggestion.objects.create(
        member=member,
        translation_key=translation_key,
        language=language,
        changes=changes,
        original={name: opened["values"].get(name) for name in changes},
        base_revisions=opened["revisions"],
        reason=(reason or "")[:500],
    )


def pending_count():
    return Suggestion.objects.filter(status=Suggestion.PENDING).count()


def display_value(name, value):
    """A value as a curator or member reads it: labels, not codes."""
    if value in (None, "", []):
        return "—"
    if name == "license":
        # The code too: curators compare it with what the evidence page states.
        return f"{vocabularies.licence_name(value)} ({value})"
    if name == "media_format":
        return vocabularies.format_label(value)
    if name == "languages":
        return ", ".join(vocabularies.language_label(code) for code in value)
    if name == "regions":
        return ", ".join(vocabularies.region_label(code) for code in value)
    if name == "level":
        return str(session_metadata.level_label(value))
    if name == "time_minutes":
        return str(session_metadata.duration_text(value))
    if name == "audience":
        return ", ".join(str(session_metadata.audience_label(code)) for code in value)
    if name == "categories":
        titles = dict(
            CategoryPage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE, slug__in=value
            ).values_list("slug", "title")
        )
        return ", ".join(titles.get(slug, slug) for slug in value)
    return str(value)


def comparison(suggestion):
    """Rows for the curators' side-by-side view: (label, value when proposed, value now,
    proposed value, changed meanwhile)."""
    now = current_values(suggestion.translation_key)
    rows = []
    for name, proposed in suggestion.changes.items():
        before = suggestion.original.get(name)
        rows.append(
            {
                "name": name,
                "label": FIELD_LABELS.get(name, name),
                "when_proposed": display_value(name, before),
                "now": display_value(name, now.get(name)),
                "proposed": display_value(name, proposed),
                "changed_meanwhile": now.get(name) != before,
            }
        )
    return rows


def credit_name(member):
    """The name the page's history keeps for the member: their public name, or None when
    they are not to be named (the history then says “a member” in the reader's language)."""
    return public_name(member, CONTRIBUTION)


def shown_credit(name):
    """A credit kept by credit_name() as a reader sees it."""
    return name or gettext("a member")


def _apply_to_page(source, page, text, shared, curator, publish, credit):
    """One page's share of an accepted suggestion, as a new revision (see accept_suggestion)."""
    if page.pk != source.pk and text and work_pages.is_localized_translation(source, page):
        # The text goes through wagtail-localize, which also copies the source's synchronised
        # fields: the source is handled first, so they are the accepted ones already.
        work_pages.apply_translated_fields(
            source, page, text, curator, publish, ACCEPTED_ACTION, credit
        )
    else:
        work_pages.apply_fields(page, {**shared, **text}, curator, publish, ACCEPTED_ACTION, credit)


class AlreadyDecided(Exception):
    """The suggestion was accepted or rejected already (by another curator, maybe)."""


def _lock_pending(suggestion):
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != Suggestion.PENDING:
        raise AlreadyDecided
    return locked


@transaction.atomic
def accept_suggestion(suggestion, curator):
    """Apply the suggestion as a new revision of every page it concerns, crediting the member
    in each page's history. A page with a draft waiting keeps a draft (the curator publishes it
    with the rest); the others are published. Return {language: published?}."""
    suggestion = _lock_pending(suggestion)
    pages = work_pages.pages_by_language(suggestion.translation_key)
    source = work_pages.source_page(suggestion.translation_key, pages)
    shared = {}
    for name in SHARED_FIELDS:
        if name not in suggestion.changes:
            continue
        value = suggestion.changes[name]
        if name == "categories":
            value = list(
                CategoryPage.objects.filter(
                    locale__language_code=settings.LANGUAGE_CODE, slug__in=value
                )
            )
        elif name == "time_minutes" and value == "":
            value = None  # the member cleared it: not stated
        shared[name] = value
    credit = {"credit": credit_name(suggestion.member), "suggestion": suggestion.pk}
    outcome = {}
    ordered = [source] + [page for page in pages.values() if page.pk != source.pk]
    for page in ordered:
        code = page.locale.language_code
        text = {
            name: suggestion.changes[key]
            for key, (name, lang) in TEXT_FIELDS.items()
            if lang == code and key in suggestion.changes and suggestion.changes[key]
        }
        if not text and not shared:
            continue
        publish = not page.has_unpublished_changes
        # One log context per page: Wagtail's history groups a request's entries by context
        # and action across pages, which would hide one page's entries behind the other's.
        with LogContext(user=curator):
            _apply_to_page(source, page, text, shared, curator, publish, credit)
        outcome[code] = publish
    suggestion.status = Suggestion.ACCEPTED
    suggestion.decided_by = curator
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    return outcome


@transaction.atomic
def reject_suggestion(suggestion, curator, reason):
    """Close the suggestion; the member reads `reason` on “My suggestions”."""
    suggestion = _lock_pending(suggestion)
    suggestion.status = Suggestion.REJECTED
    suggestion.decision_note = (reason or "")[:500]
    suggestion.decided_by = curator
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    return suggestion
