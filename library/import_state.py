"""Whether an import line would change anything in the library.

`make run` loads the demo data on every start, and curators import the same file again after
correcting a few lines. Writing an unchanged resource costs two revisions, two publishes and a
wagtail-localize translation pass (about a third of a second each); a resource that is already
exactly as its line describes, in both languages and published without a pending draft, is
skipped instead. Any difference, or anything this check does not know how to compare, means
"changed": the importer then takes its full path, so a skip can never lose an update.
"""

from .resource_urls import encode_resource_url
from .services import find_resource_by_url

# Page fields the importer sets from a line, each with how the line's value is stored.
SCALAR_FIELDS = {
    "source_url": lambda record: encode_resource_url(record.url),
    "languages": lambda record: record.languages,
    "media_format": lambda record: record.media_format,
    "regions": lambda record: record.regions,
    "license": lambda record: record.license,
    "license_evidence": lambda record: record.license_evidence,
    "author": lambda record: record.author,
    "publisher": lambda record: record.publisher,
    "year": lambda record: record.year,
    "framable": lambda record: record.framable,
    "level": lambda record: record.level,
    "time_minutes": lambda record: record.time_minutes,
    "audience": lambda record: record.audience,
}


def already_imported(page, record, title, translation, paragraph, translated_paragraphs):
    """True when importing `record` onto the existing source page `page` would write nothing
    new. `title` is the source title the importer would set; `translation` is the other
    language's page (None when there is none) or the string "none needed" when the line gives
    nothing to translate; `paragraph` renders a body as the importer stores it, and
    `translated_paragraphs` is the body the translation would get (source paragraphs with
    their translations substituted), already rendered."""
    source_language = page.locale.language_code
    if not _published_as_is(page):
        return False
    if page.title != title or page.summary != record.summary.get(source_language, ""):
        return False
    if any(getattr(page, name) != value(record) for name, value in SCALAR_FIELDS.items()):
        return False
    if page.safety_note != record.safety_note.get(source_language, ""):
        return False
    if _prerequisite_ids(page) != _line_prerequisite_ids(record):
        return False
    body = record.body.get(source_language)
    if _texts(page) != ([paragraph(body)] if body else []):
        return False
    if sorted(page.tags.names()) != sorted(record.tags):
        return False
    if set(page.categories.values_list("slug", flat=True)) != set(record.categories):
        return False
    if translation == "none needed":
        return True
    if translation is None or not _published_as_is(translation):
        return False
    other = translation.locale.language_code
    return (
        translation.title == (record.title.get(other) or page.title)
        and translation.summary == (record.summary.get(other) or page.summary)
        and translation.safety_note == (record.safety_note.get(other) or page.safety_note)
        and _texts(translation) == ([translated_paragraphs] if body else [])
        and sorted(translation.tags.names()) == sorted(record.tags)
    )


def _prerequisite_ids(page):
    return [block.value.pk if block.value else None for block in page.prerequisites]


def _line_prerequisite_ids(record):
    """The pages the line's prerequisites name; None for one not in the library (the full
    import path then reports it)."""
    pages = [find_resource_by_url(url) for url in record.prerequisites]
    return [page.pk if page is not None else None for page in pages]


def _published_as_is(page):
    return page.live and not page.has_unpublished_changes


def _texts(page):
    return [block.value.source for block in page.details if block.block_type == "text"]
