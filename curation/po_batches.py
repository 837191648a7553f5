"""PO batches for offline translators, on wagtail-localize's own PO support.

Export: one PO file per page (wagtail-localize's `Translation.export_po`, which names the
translation in its `X-WagtailLocalize-TranslationID` header), zipped. Import: a ZIP of such
files or a single one. Every file is checked first — encoding, PO syntax, a known translation,
every msgid/msgctxt still in the current source — and a single problem rejects the whole batch
with a report, nothing applied. A valid batch is applied in one transaction through
`Translation.import_po`, each translated page saved as a draft for review, and the report says
which strings changed.
"""

import io
import zipfile
from dataclasses import dataclass, field

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail_localize.models import String, StringSegment, Translation, TranslationSource

MAX_FILES = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
TOOL_NAME = "Tasharuk PO batch"


class BatchRejected(Exception):
    """The batch was not applied; `problems` lists (file name, reason)."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class FileReport:
    name: str
    translation: Translation
    changes: list = field(default_factory=list)  # [(context, old, new)]


def translation_for(page, target_locale):
    """The wagtail-localize Translation of `page` into `target_locale`, created (with its
    source synced from the live page) when the page was never submitted for translation."""
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale, defaults={"enabled": True}
    )
    return translation


def export_batch(pages, target_locale):
    """ZIP bytes with one PO file per page (current source strings, existing translations)."""
    buffer = io.BytesIO()
    used = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in pages:
            translation = translation_for(page, target_locale)
            po = translation.export_po()
            po.metadata["Language"] = target_locale.language_code
            po.header = (
                f"{page.title} ({page.locale.language_code} → {target_locale.language_code})"
            )
            name = f"{slugify(page.slug) or page.pk}-{target_locale.language_code}.po"
            if name in used:
                name = f"{page.pk}-{name}"
            used.add(name)
            archive.writestr(name, str(po))
    return buffer.getvalue()


def read_upload(name, data):
    """[(file name, bytes)] from an uploaded .po or .zip; raise BatchRejected on a bad archive."""
    if not name.lower().endswith(".zip"):
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BatchRejected([(name, _("This is not a readable ZIP file."))]) from None
    if len(infos) > MAX_FILES:
        raise BatchRejected(
            [(name, _("At most %(count)d files per batch.") % {"count": MAX_FILES})]
        )
    files, problems = [], []
    for info in infos:
        if not info.filename.lower().endswith(".po"):
            problems.append((info.filename, _("Only .po files belong in a batch.")))
        elif info.file_size > MAX_FILE_BYTES:
            problems.append((info.filename, _("This file is too large.")))
        else:
            files.append((info.filename, archive.read(info)))
    if problems:
        raise BatchRejected(problems)
    return files


def _parse(name, data):
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_("This file is too large."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(_("The file is not UTF-8 text (broken encoding).")) from None
    try:
        return polib.pofile(text)
    except (OSError, ValueError):
        raise ValueError(_("The file is not a valid PO file.")) from None


def _check(po):
    """The Translation a parsed PO file belongs to, or ValueError saying what is wrong."""
    translation_id = po.metadata.get("X-WagtailLocalize-TranslationID", "")
    translation = None
    if translation_id:
        try:
            translation = Translation.objects.select_related("source", "target_locale").get(
                uuid=translation_id
            )
        except (Translation.DoesNotExist, ValueError, ValidationError):  # e.g. not a UUID
            translation = None
    if translation is None:
        raise ValueError(_("The file does not belong to any page waiting for translation."))
    language = po.metadata.get("Language", "")
    if language and language != translation.target_locale.language_code:
        raise ValueError(
            _("The file is for language “%(file)s” but this translation is into “%(target)s”.")
            % {"file": language, "target": translation.target_locale.language_code}
        )
    source = translation.source
    unknown = []
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        known = StringSegment.objects.filter(
            source=source,
            context__path=entry.msgctxt or "",
            string__locale_id=source.locale_id,
            string__data_hash=String._get_data_hash(entry.msgid),
        ).exists()
        if not known:
            unknown.append(entry.msgctxt or entry.msgid[:40])
    if unknown:
        raise ValueError(
            _("These strings are not in the page’s current source text: %(strings)s")
            % {"strings": ", ".join(unknown[:10])}
        )
    return translation


def _current(translation):
    """{(context, msgid): msgstr} of the translation's strings as they are now."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in translation.export_po()
        if not entry.obsolete
    }


def import_batch(files, user=None):
    """Check every file, then apply all of them or none. Return [FileReport]; raise
    BatchRejected with every problem found."""
    parsed, problems = [], []
    seen = set()
    for name, data in files:
        try:
            po = _parse(name, data)
            translation = _check(po)
        except ValueError as error:
            problems.append((name, str(error)))
            continue
        if translation.pk in seen:
            problems.append((name, _("Another file in the batch is for the same page.")))
            continue
        seen.add(translation.pk)
        parsed.append((name, po, translation))
    if problems:
        raise BatchRejected(problems)
    if not parsed:
        raise BatchRejected([("", _("The upload holds no PO file."))])

    reports = []
    try:
        with transaction.atomic():
            for name, po, translation in parsed:
                before = _current(translation)
                warnings = translation.import_po(po, user=user, tool_name=TOOL_NAME)
                if warnings:  # _check makes this unreachable; never apply half a file
                    raise BatchRejected([(name, _("The file does not match its page."))])
                after = _current(translation)
                report = FileReport(name, translation)
                for key, new in after.items():
                    if before.get(key, "") != new:
                        report.changes.append((key[0], before.get(key, ""), new))
                # Saved even without changed strings: synchronised fields (URLs, codes) of a
                # re-synced source reach the translation too. A draft: a reviewer publishes.
                translation.save_target(user=user, publish=False)
                reports.append(report)
    except BatchRejected:
        raise
    except Exception as error:  # noqa: BLE001 - e.g. a translated value the page refuses
        raise BatchRejected(
            [("", _("The batch could not be applied: %(error)s") % {"error": error})]
        ) from error
    return reports
