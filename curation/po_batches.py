"""PO batches for offline translators, on wagtail-localize's own PO support.

Export: one PO file per page (wagtail-localize's `Translation.export_po`, which names the
translation in its `X-WagtailLocalize-TranslationID` header), zipped. Import: a ZIP of such
files or a single one. Every file is checked first — encoding, PO syntax, a known translation,
every msgid/msgctxt still in the current source — and a single problem rejects the whole batch
with a report, nothing applied. A valid batch is applied in one transaction through
`Translation.import_po`, each translated page saved as a draft revision for review (nothing
live changes until someone with publish permission publishes it), and the report says which
strings changed.

Both ways only cover pages the user may edit in the target language (`translation_drafts`), and
exports only published pages. Uploads are untrusted: a ZIP is read entry by entry with real
sizes counted while reading, and a PO file is always parsed as content, never as a path.
"""

import io
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail_localize.models import String, StringSegment, Translation, TranslationSource

from .translation_drafts import is_published, may_translate, may_translate_translation, save_draft

MAX_FILES = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
# Unpacked bytes of a whole batch: a page's PO file is a few kilobytes, so this is generous,
# and it bounds what one request holds in memory whatever the archive claims.
MAX_TOTAL_BYTES = 20 * 1024 * 1024
READ_CHUNK = 64 * 1024
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


def exportable_pages(pages, target_locale, user):
    """The pages of `pages` that `user` may export for translation into `target_locale`:
    published ones (live, under live parents) whose translation the user may edit or create."""
    return [
        page for page in pages if is_published(page) and may_translate(user, page, target_locale)
    ]


def export_batch(pages, target_locale):
    """ZIP bytes with one PO file per page (current source strings, existing translations).
    Callers pass pages through `exportable_pages` first."""
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
        if len(data) > MAX_FILE_BYTES:
            raise BatchRejected([(name, _("This file is too large."))])
        return [(name, data)]
    unreadable = [(name, _("This is not a readable ZIP file."))]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        raise BatchRejected(unreadable) from None
    if len(infos) > MAX_FILES:
        raise BatchRejected(
            [(name, _("At most %(count)d files per batch.") % {"count": MAX_FILES})]
        )
    problems = [
        (info.filename, _("Only .po files belong in a batch."))
        for info in infos
        if not info.filename.lower().endswith(".po")
    ]
    if problems:
        raise BatchRejected(problems)
    files, total = [], 0
    for info in infos:
        # The sizes in the archive's header are the sender's claim: count what is unpacked.
        try:
            content = _read_entry(archive, info, MAX_TOTAL_BYTES - total)
        except _TooLarge as too_large:
            raise BatchRejected([(info.filename, str(too_large))]) from None
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,  # a compression method zipfile does not know
            RuntimeError,  # an encrypted entry
        ):
            raise BatchRejected(unreadable) from None
        if len(content) != info.file_size:  # the header lied; zipfile notices only some lies
            raise BatchRejected(unreadable)
        total += len(content)
        files.append((info.filename, content))
    return files


class _TooLarge(Exception):
    pass


def _read_entry(archive, info, room):
    """The unpacked bytes of one entry, read in chunks and stopped as soon as the entry passes
    MAX_FILE_BYTES or the batch's remaining `room`."""
    limit = min(MAX_FILE_BYTES, room)
    chunks, size = [], 0
    with archive.open(info) as entry:
        while chunk := entry.read(READ_CHUNK):
            size += len(chunk)
            if size > limit:
                if size > MAX_FILE_BYTES:
                    raise _TooLarge(_("This file is too large."))
                raise _TooLarge(
                    _("The files are too large together (at most %(size)d MB unpacked).")
                    % {"size": MAX_TOTAL_BYTES // (1024 * 1024)}
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _parse(name, data):
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_("This file is too large."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(_("The file is not UTF-8 text (broken encoding).")) from None
    # polib.pofile() opens its argument as a file when a file of that name exists, so text
    # naming a server path would be read from disk; parse our own copy of the bytes instead.
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        copy.write(text.encode("utf-8"))
        copy.flush()
        try:
            return polib.pofile(copy.name, encoding="utf-8")
        except (OSError, ValueError):
            raise ValueError(_("The file is not a valid PO file.")) from None


def _check(po, user):
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
    # A page the user may not edit gets the same answer as no page at all, and before its
    # strings are compared, so the upload tells nothing about pages beyond the user's reach.
    if translation is None or (
        user is not None and not may_translate_translation(user, translation)
    ):
        raise ValueError(_("The file does not belong to any page you may translate."))
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
    BatchRejected with every problem found. With a `user`, every file must be for a page that
    user may translate (`translation_drafts.may_translate`); each page gets a draft revision
    only, so nothing live changes until someone with publish permission publishes it."""
    parsed, problems = [], []
    seen = set()
    for name, data in files:
        try:
            po = _parse(name, data)
            translation = _check(po, user)
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
                # re-synced source reach the translation too. Not save_target(publish=False):
                # it writes the live page row (see translation_drafts).
                save_draft(translation, user=user)
                reports.append(report)
    except BatchRejected:
        raise
    except Exception as error:  # noqa: BLE001 - e.g. a translated value the page refuses
        raise BatchRejected(
            [("", _("The batch could not be applied: %(error)s") % {"error": error})]
        ) from error
    return reports
