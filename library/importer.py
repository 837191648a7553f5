"""Import resources from JSON Lines (the contract in DESIGN.md), one resource per line.

Every line is validated on its own; a bad line is reported with its number and reason and the
rest still imports. A resource is identified by its normalised URL, so importing a file twice
updates instead of duplicating. Each line is written in its own savepoint: a line either
lands whole (both languages) or not at all. Lines are committed in batches of BATCH_SIZE (one
commit, and one search-index pass, per batch instead of per line: on SQLite each commit waits
for the disk); a crash part-way loses at most the open batch, and importing again resumes.
"""

import json
from dataclasses import dataclass, field
from html import escape
from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from . import session_metadata, vocabularies
from .categories import CATEGORY_SLUGS
from .import_state import already_imported
from .models import CategoryPage, ResourcePage
from .resource_urls import validate_resource_url
from .services import add_to_library, find_resource_by_url, other_language
from .translations import translate

BATCH_SIZE = 50
TEXT_LIMITS = {"title": 255, "summary": 1200, "body": 20000, "safety_note": 1000}
LIST_FIELDS = ("categories", "languages", "regions", "tags")
KNOWN_KEYS = {
    "url",
    "title",
    "summary",
    "body",
    "categories",
    "languages",
    "format",
    "regions",
    "license",
    "license_evidence",
    "author",
    "publisher",
    "year",
    "tags",
    "framable",
    # Session metadata (library.session_metadata)
    "level",
    "time_minutes",
    "audience",
    "prerequisites",
    "safety_note",
}


class LineError(Exception):
    """A line that cannot be imported; the message says why, in the active language."""


@dataclass
class ResourceRecord:
    url: str
    title: dict
    summary: dict = field(default_factory=dict)
    body: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    media_format: str = "guide"
    regions: list = field(default_factory=list)
    license: str = "LicenseRef-Unknown"
    license_evidence: str = ""
    author: str = ""
    publisher: str = ""
    year: int | None = None
    tags: list = field(default_factory=list)
    framable: bool = False
    level: str = ""
    time_minutes: int | None = None
    audience: list = field(default_factory=list)
    prerequisites: list = field(default_factory=list)  # source URLs, in order
    safety_note: dict = field(default_factory=dict)

    @property
    def source_language(self):
        """The language the page is first created in: the default one when it has a title."""
        return settings.LANGUAGE_CODE if self.title.get(settings.LANGUAGE_CODE) else "ar"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (line number, message)


def parse_line(text):
    """Turn one JSON line into a validated ResourceRecord, or raise LineError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LineError(_("Not valid JSON: %(error)s") % {"error": error.msg}) from None
    if not isinstance(data, dict):
        raise LineError(_("Each line must be a JSON object."))
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise LineError(_("Unknown field(s): %(fields)s") % {"fields": ", ".join(unknown)})

    url = data.get("url")
    if not isinstance(url, str) or not url.strip():
        raise LineError(_("The “url” field is required."))
    try:
        validate_resource_url(url.strip())
    except ValidationError as error:
        raise LineError(f"url: {error.messages[0]}") from None

    record = ResourceRecord(url=url.strip(), title=_text_by_language(data, "title"))
    if not record.title:
        raise LineError(_("A title in English or Arabic is required."))
    record.summary = _text_by_language(data, "summary")
    record.body = _text_by_language(data, "body")
    for name in LIST_FIELDS:
        setattr(record, name, _string_list(data, name))
    _check_codes("categories", record.categories, CATEGORY_SLUGS)
    _check_codes("languages", record.languages, vocabularies.LANGUAGE_CODES)
    _check_codes("regions", record.regions, set(vocabularies.COUNTRY_CODES) | {"global", "mena"})
    record.media_format = _code(data, "format", vocabularies.FORMATS, default="guide")
    record.license = _code(data, "license", vocabularies.LICENCES, default="LicenseRef-Unknown")
    record.license_evidence = _licence_evidence(data, record.license)
    record.author = _short_text(data, "author")
    record.publisher = _short_text(data, "publisher")
    record.year = _year(data)
    if any(len(tag) > 100 for tag in record.tags):
        raise LineError(_("tags: each tag must be at most 100 characters."))
    framable = data.get("framable", False)
    if not isinstance(framable, bool):
        raise LineError(_("framable: must be true or false."))
    record.framable = framable
    try:
        for name, value in session_metadata.import_values(data).items():
            setattr(record, name, value)
    except ValueError as error:
        raise LineError(str(error)) from None
    for prerequisite in record.prerequisites:
        try:
            validate_resource_url(prerequisite)
        except ValidationError as error:
            raise LineError(f"prerequisites: {error.messages[0]}") from None
    record.safety_note = _text_by_language(data, "safety_note")
    return record


def _licence_evidence(data, licence):
    """The address where the publisher states the licence: a web address, and only beside a
    licence it can prove (an unknown licence has nothing to prove)."""
    evidence = data.get("license_evidence") or ""
    if not isinstance(evidence, str):
        raise LineError(_("license_evidence: must be a web address."))
    evidence = evidence.strip()
    if not evidence:
        return ""
    if licence == "LicenseRef-Unknown":
        raise LineError(_("license_evidence: give the licence that the evidence page states."))
    try:
        validate_resource_url(evidence)
    except ValidationError as error:
        raise LineError(f"license_evidence: {error.messages[0]}") from None
    return evidence


def _text_by_language(data, name):
    value = data.get(name, {})
    if value in (None, ""):
        return {}
    if not isinstance(value, dict) or set(value) - {"en", "ar"}:
        raise LineError(
            _("%(field)s: must be an object with “en” and/or “ar” text.") % {"field": name}
        )
    texts = {}
    for language, text in value.items():
        if text in (None, ""):
            continue
        if not isinstance(text, str):
            raise LineError(
                _("%(field)s.%(lang)s: must be text.") % {"field": name, "lang": language}
            )
        text = text.strip()
        if len(text) > TEXT_LIMITS[name]:
            raise LineError(
                _("%(field)s.%(lang)s: longer than %(max)d characters.")
                % {"field": name, "lang": language, "max": TEXT_LIMITS[name]}
            )
        if text:
            texts[language] = text
    return texts


def _string_list(data, name):
    value = data.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError(_("%(field)s: must be a list of text values.") % {"field": name})
    return list(dict.fromkeys(item.strip() for item in value if item.strip()))


def _check_codes(name, values, known):
    unknown = [value for value in values if value not in known]
    if unknown:
        raise LineError(
            _("%(field)s: unknown value(s) %(values)s.")
            % {"field": name, "values": ", ".join(unknown)}
        )


def _code(data, name, known, default):
    value = data.get(name, default)
    if value in (None, ""):
        return default
    if value not in known:
        raise LineError(
            _("%(field)s: unknown value “%(value)s”.") % {"field": name, "value": value}
        )
    return value


def _short_text(data, name):
    value = data.get(name) or ""
    if not isinstance(value, str):
        raise LineError(_("%(field)s: must be text.") % {"field": name})
    if len(value) > 255:
        raise LineError(_("%(field)s: longer than 255 characters.") % {"field": name})
    return value.strip()


def _year(data):
    value = data.get("year")
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
        raise LineError(_("year: must be a whole number between 1900 and 2100."))
    return value


def read_records(lines):
    """Yield (line number, record or None, error message or None) for each non-blank line."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            yield number, parse_line(text), None
        except LineError as error:
            yield number, None, str(error)


@transaction.atomic
def import_record(record):
    """Create or update the resource described by `record`, with its translation; returns
    (page in its source locale, created?)."""
    existing = find_resource_by_url(record.url)
    if existing is not None:
        page = existing.get_translation(existing.locale).specific
        source_language = page.locale.language_code
        # The first locale stays the source; keep the title if this line does not give one.
        record_title = record.title.get(source_language) or page.title
        if _unchanged(page, record, record_title):
            return page, False
        created = False
    else:
        source_language = record.source_language
        page = ResourcePage(locale=Locale.objects.get(language_code=source_language))
        record_title = record.title[source_language]
        created = True

    page.title = record_title
    page.summary = record.summary.get(source_language, "")
    page.source_url = record.url
    page.languages = record.languages
    page.media_format = record.media_format
    page.regions = record.regions
    page.license = record.license
    page.license_evidence = record.license_evidence
    page.author = record.author
    page.publisher = record.publisher
    page.year = record.year
    page.framable = record.framable
    page.level = record.level
    page.time_minutes = record.time_minutes
    page.audience = record.audience
    page.safety_note = record.safety_note.get(source_language, "")
    page.prerequisites = _prerequisite_blocks(record.prerequisites)
    body = record.body.get(source_language)
    page.details = [b for b in page.details if b.block_type != "text"] if not created else []
    if body:
        page.details.append(("text", _paragraph(body)))
    page.tags.set(record.tags)
    page.categories.set(
        CategoryPage.objects.filter(
            slug__in=record.categories, locale__language_code=settings.LANGUAGE_CODE
        )
    )

    if created:
        add_to_library(page)  # Wagtail validates the page (full_clean) as it saves it
    # A new page was validated just now with these same values; an existing one is validated
    # here, before anything of it is written.
    page.save_revision(clean=not created).publish()

    other = other_language(source_language)
    if record.title.get(other) or record.summary.get(other) or record.safety_note.get(other):
        translated = translate(
            page,
            Locale.objects.get(language_code=other),
            fields={
                "title": record.title.get(other, ""),
                "summary": record.summary.get(other, ""),
                "safety_note": record.safety_note.get(other, ""),
            },
            segments=_paragraph_pairs(body, record.body.get(other)),
        ).specific
        # wagtail-localize gives a new translation the source's tags but does not carry a later
        # change of them: without this the other language kept the tags of the first import.
        if sorted(translated.tags.names()) != sorted(record.tags):
            translated.tags.set(record.tags)
            translated.save_revision().publish()
    return page, created


def _prerequisite_blocks(urls):
    """The prerequisites' pages, in the line's order; a URL not in the library yet fails the
    line (import prerequisites first: earlier in the file, or in an earlier file)."""
    pages = []
    for url in urls:
        page = find_resource_by_url(url)
        if page is None:
            raise ValidationError(
                _("prerequisites: %(url)s is not in the library; import it first.") % {"url": url}
            )
        pages.append(("resource", page))
    return pages


def _unchanged(page, record, title):
    """True when the line would write nothing new (see library.import_state)."""
    source_language = page.locale.language_code
    other = other_language(source_language)
    body = record.body.get(source_language)
    if record.title.get(other) or record.summary.get(other) or record.safety_note.get(other):
        translation = page.get_translation_or_none(Locale.objects.get(language_code=other))
        translation = translation.specific if translation is not None else None
    else:
        translation = "none needed"
    segments = _paragraph_pairs(body, record.body.get(other))
    translated_body = "".join(f"<p>{segments.get(part, part)}</p>" for part in _paragraphs(body))
    return already_imported(page, record, title, translation, _paragraph, translated_body)


def _paragraphs(text):
    # Quotes stay as typed: wagtail-localize keeps them unescaped in its source strings, and
    # these paragraphs double as the keys that match translations to those strings.
    return [
        escape(part.strip(), quote=False) for part in (text or "").split("\n\n") if part.strip()
    ]


def _paragraph(text):
    return "".join(f"<p>{part}</p>" for part in _paragraphs(text))


def _paragraph_pairs(source_text, translated_text):
    """Source paragraph -> translated paragraph, as localize segments rich text by paragraph."""
    source, translated = _paragraphs(source_text), _paragraphs(translated_text)
    return dict(zip(source, translated, strict=True)) if len(source) == len(translated) else {}


def import_lines(lines, dry_run=False, strict=False, progress=None, batch_size=BATCH_SIZE):
    """Import an iterable of JSON lines; returns an ImportReport. `progress` wraps the work
    iterable (a progress bar). With `strict`, nothing is written when any line is bad. Lines
    are committed `batch_size` at a time (see the module docstring)."""
    parsed = list(read_records(lines))
    report = ImportReport(errors=[(n, error) for n, _r, error in parsed if error])
    if dry_run or (strict and report.errors):
        for _n, record, _e in parsed:
            if record is not None:
                if find_resource_by_url(record.url):
                    report.updated += 1
                else:
                    report.created += 1
        return report
    good = [(n, record) for n, record, _e in parsed if record is not None]
    records = iter(progress(good) if progress else good)
    while True:
        done = 0
        with transaction.atomic():  # one commit per batch; each line has its own savepoint
            for number, record in islice(records, batch_size):
                done += 1
                try:
                    _page, created = import_record(record)
                except ValidationError as error:
                    report.errors.append((number, "; ".join(error.messages)))
                    continue
                if created:
                    report.created += 1
                else:
                    report.updated += 1
        if done < batch_size:
            break
    report.errors.sort()
    return report
