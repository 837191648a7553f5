"""Programmatic translation through wagtail-localize, so imported and demo translations are
the same objects translators later edit in the admin (not detached copies)."""

import polib
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource


@transaction.atomic
def translate(instance, locale, fields=None, segments=None, publish=True):
    """Create or update `instance`'s translation into `locale` and return the translated object.

    `fields` maps a translatable field name (its localize context, e.g. "title", "summary") to
    its translation; `segments` maps source strings found inside StreamFields or rich text to
    theirs. Strings given neither way keep the source text (localize's fallback), so a partial
    translation still publishes.
    """
    fields = fields or {}
    segments = segments or {}
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    changed = polib.POFile()
    changed.metadata = po.metadata
    for entry in po:
        if entry.obsolete:
            continue
        target = fields.get(entry.msgctxt) or segments.get(entry.msgid)
        if target:
            entry.msgstr = target
            changed.append(entry)
    translation.import_po(changed, tool_name="tasharuk")
    # localize publishes pages in an on_commit hook with the object it had in memory, which
    # is stale by then inside a larger transaction (tests, imports); publish here instead.
    is_page = isinstance(instance, Page)
    translation.save_target(publish=not is_page)
    translated = instance.get_translation(locale)
    if publish and is_page:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated
