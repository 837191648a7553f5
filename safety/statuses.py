"""The current status of tools: looked up by every surface that shows a resource.

Warned tools are few (tens, not thousands), so every current warning is read in one query and
kept in the shared cache under the pages generation (tasharuk.invalidation): saving a status
advances that generation (ToolStatus is in TASHARUK_PUBLIC_CACHE["CLEARED_BY"]), so every
process forgets the old set at once, together with the anonymous pages that showed it.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library import vocabularies
from library.models import ResourcePage
from library.visibility import listed
from tasharuk import invalidation, request_memo

from .models import ToolStatus

CACHE_SECONDS = 600


def current_status(translation_key):
    """The newest ToolStatus row of the work `translation_key`, or None when it never had one."""
    return (
        ToolStatus.objects.filter(translation_key=translation_key)
        .order_by("-set_at", "-pk")
        .first()
    )


def latest_rows():
    """ToolStatus rows that are the current status of their work (one per work)."""
    newest = ToolStatus.objects.filter(translation_key=OuterRef("translation_key")).order_by(
        "-set_at", "-pk"
    )
    return ToolStatus.objects.filter(pk=Subquery(newest.values("pk")[:1]))


def _load():
    """{"by_key": {translation key (str): warning dict}, "by_id": {page id: translation key}}
    for every work whose current status is a warning."""
    rows = list(latest_rows().filter(status__in=ToolStatus.WARNINGS).select_related("alternative"))
    by_key = {
        str(row.translation_key): {
            "status_id": row.pk,
            "status": row.status,
            "countries": list(row.countries or []),
            "noted_on": row.noted_on.isoformat(),
            "note_en": row.note_en,
            "note_ar": row.note_ar,
            "alternative_key": (
                str(row.alternative.translation_key) if row.alternative_id else None
            ),
        }
        for row in rows
    }
    by_id = dict(
        ResourcePage.objects.filter(translation_key__in=list(by_key)).values_list(
            "pk", "translation_key"
        )
    )
    return {"by_key": by_key, "by_id": {pk: str(key) for pk, key in by_id.items()}}


def current_warnings():
    """Every current warning (see `_load`), from the shared cache when it has them; read once
    per request (tasharuk.request_memo)."""
    return request_memo.remembered("safety:warnings", _current_warnings)


def _current_warnings():
    return invalidation.kept(invalidation.PAGES, "safety:warnings", _load, CACHE_SECONDS)


def warned_keys(status=None):
    """Translation keys (str) of the works currently warned about (with `status` only, when
    given: "unsafe", "unmaintained" or "blocked_in")."""
    return {
        key
        for key, warning in current_warnings()["by_key"].items()
        if status is None or warning["status"] == status
    }


def _key_of(resource):
    """The translation key (str) of a page, a page id, or an item dict ("translation_key" or
    "id", as search results and API items carry them)."""
    if resource is None:
        return None
    if isinstance(resource, dict):
        if resource.get("translation_key"):
            return str(resource["translation_key"])
        resource = resource.get("id")
    if isinstance(resource, int):
        return current_warnings()["by_id"].get(resource)
    key = getattr(resource, "translation_key", None)
    return str(key) if key else None


@dataclass
class ToolWarning:
    """A current warning, ready to show in one language."""

    status: str
    label: str
    noted_on: date
    note: str
    countries: list = field(default_factory=list)  # names in the reader's language
    country_codes: list = field(default_factory=list)
    alternative: object = None  # the listed ResourcePage in the reader's language, or None

    def as_dict(self):
        """The API's `warning` object."""
        alternative = None
        if self.alternative is not None:
            alternative = {
                "id": self.alternative.pk,
                "title": self.alternative.title,
                "url": self.alternative.full_url or self.alternative.url,
            }
        return {
            "status": self.status,
            "label": self.label,
            "date": self.noted_on.isoformat(),
            "note": self.note,
            "countries": [
                {"code": code, "name": name}
                for code, name in zip(self.country_codes, self.countries, strict=True)
            ],
            "alternative": alternative,
        }


def status_label(status):
    return {
        ToolStatus.UNSAFE: _("Warning: this tool is unsafe"),
        ToolStatus.UNMAINTAINED: _("Warning: this tool is no longer maintained"),
        ToolStatus.BLOCKED_IN: _("Warning: this tool is blocked in some countries"),
    }[status]


def _alternative_page(key, language):
    """The listed translation of the alternative work, in `language` when it has one; None when
    it is not listed or is itself now unsafe (it may have been marked unsafe since)."""
    if not key:
        return None
    alternative = current_warnings()["by_key"].get(key)
    if alternative and alternative["status"] == ToolStatus.UNSAFE:
        return None
    pages = list(listed(ResourcePage.objects.filter(translation_key=key)).select_related("locale"))
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0] if pages else None


def warning_for(resource, language=None):
    """The current warning of `resource` (a page, a page id or an item dict) in `language`
    (the active one by default) as a `ToolWarning`, or None when it has no warning."""
    key = _key_of(resource)
    data = current_warnings()["by_key"].get(key) if key else None
    if data is None:
        return None
    language = (language or get_language() or "en")[:2]
    note = data["note_ar"] if language == "ar" else data["note_en"]
    return ToolWarning(
        status=data["status"],
        label=status_label(data["status"]),
        noted_on=date.fromisoformat(data["noted_on"]),
        note=note,
        countries=[vocabularies.region_label(code) for code in data["countries"]],
        country_codes=list(data["countries"]),
        alternative=_alternative_page(data["alternative_key"], language),
    )


def plain_text(warning, symbol=True):
    """One line for feeds and other plain-text surfaces, in the active language (`symbol`:
    start with a warning sign; PDFs leave it out, their font has no such glyph)."""
    parts = [f"⚠ {warning.label}" if symbol else warning.label]
    if warning.countries:
        parts.append(_("Blocked in: %(countries)s") % {"countries": ", ".join(warning.countries)})
    parts.append(f"({warning.noted_on.isoformat()}) {warning.note}")
    if warning.alternative is not None:
        parts.append(_("Safer alternative: %(title)s") % {"title": warning.alternative.title})
    return " — ".join(parts)


def warning_text(resource, symbol=True):
    """`plain_text()` of the current warning of `resource`, or "" when it has none."""
    warning = warning_for(resource)
    return plain_text(warning, symbol) if warning is not None else ""


def status_changed(status):
    """After a status is saved or deleted: reindex the work once the transaction commits (so
    the fallback's cached answers, keyed by its rows' version, are recomputed too) and forget
    the cached pages and warnings at once (CLEARED_BY does so too, after this receiver)."""
    from search.indexing import resource_changed

    resource_changed(status.translation_key)
    invalidation.advance(invalidation.PAGES)


def set_status(
    resource, status, *, note_en, note_ar, by=None, countries=(), alternative=None, noted_on=None
):
    """Set a new current status on `resource` (validated as the admin does; raises
    ValidationError). Used by tests, the shell and commands."""
    row = ToolStatus(
        resource=resource,
        status=status,
        note_en=note_en,
        note_ar=note_ar,
        countries=list(countries),
        alternative=alternative,
        set_by=by,
    )
    if noted_on:
        row.noted_on = noted_on
    row.full_clean()
    with transaction.atomic():
        row.save()
    return row
