"""The pages of one work (a resource's English and Arabic pages, sharing a translation_key),
which of them is wagtail-localize's source, and how a proposal becomes a revision of them.
Shared by suggestions and volunteer translations."""

from django.conf import settings
from wagtail.log_actions import log
from wagtail_localize.models import Translation, TranslationSource

from library.models import ResourcePage
from library.translations import translate


def pages_by_language(translation_key):
    """{language code: ResourcePage} for every page of the work, live or not."""
    pages = ResourcePage.objects.filter(translation_key=translation_key).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def source_page(translation_key, pages=None):
    """The page the other languages are translated from: the one wagtail-localize records as
    the source, else the default language's, else any."""
    pages = pages if pages is not None else pages_by_language(translation_key)
    if not pages:
        return None
    source = (
        TranslationSource.objects.filter(object_id=translation_key)
        .select_related("locale")
        .order_by("-last_updated_at")
        .first()
    )
    if source is not None and source.locale.language_code in pages:
        return pages[source.locale.language_code]
    return pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()))


def is_localized_translation(source, page):
    """True when `page` is kept by wagtail-localize from `source` (its strings live there)."""
    return Translation.objects.filter(
        source__object_id=source.translation_key,
        source__locale=source.locale,
        target_locale=page.locale,
    ).exists()


def _live_row_values(page):
    return {name: getattr(page, name) for name in ("title", "draft_title", "summary", "slug")}


def translate_as_draft(source, locale, fields):
    """Put `fields` ({"title": ..., "summary": ...}) into wagtail-localize's translation of
    `source` into `locale` and save it as a DRAFT revision; return the translated page.

    wagtail-localize writes the translated text into the page row even when it only saves a
    draft, which would put it live at once. The live page's text is put back, so readers see
    only what a translator published."""
    existing = ResourcePage.objects.filter(
        translation_key=source.translation_key, locale=locale
    ).first()
    kept = _live_row_values(existing) if existing is not None and existing.live else None
    translated = translate(source, locale, fields=fields, publish=False)
    if kept is not None:
        translated = ResourcePage.objects.get(pk=translated.pk)
        draft_title = translated.draft_title
        for name, value in kept.items():
            setattr(translated, name, value)
        translated.draft_title = draft_title
        translated.has_unpublished_changes = True
        translated.save(
            update_fields=[*kept.keys(), "has_unpublished_changes"], clean=False, log_action=False
        )
    return translated


def apply_fields(page, values, user, publish, credit_action, credit_data):
    """Save `values` ({field: value}, categories as CategoryPage lists) as a new revision of
    `page` on top of its latest one; publish it unless `publish` is False. Log `credit_action`
    with `credit_data` in the page's history. Return the revision."""
    draft = page.get_latest_revision_as_object()
    for name, value in values.items():
        if name == "categories":
            draft.categories.set(value)
        else:
            setattr(draft, name, value)
    revision = draft.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    log(instance=page, action=credit_action, user=user, revision=revision, data=credit_data)
    return revision


def apply_translated_fields(source, page, fields, user, publish, credit_action, credit_data):
    """Like apply_fields for the translatable text of a page wagtail-localize keeps: the
    strings go into localize (so a later sync keeps them) and the translation is saved as a
    revision, published unless `publish` is False."""
    if publish:
        translate(source, page.locale, fields=fields, publish=True)
    else:
        translate_as_draft(source, page.locale, fields)
    page = ResourcePage.objects.get(pk=page.pk)
    log(
        instance=page,
        action=credit_action,
        user=user,
        revision=page.latest_revision,
        data=credit_data,
    )
    return page.latest_revision
