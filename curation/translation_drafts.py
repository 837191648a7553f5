"""Who may translate which page offline, and saving a translation as a draft revision only.

wagtail-localize's `create_or_update_translation(publish=False)` (what `Translation.save_target`
calls) copies the translated strings onto the target page and then calls `page.save()` before
it saves a revision: the "draft" reaches the page row, so the public page, the API and the next
search indexing show it at once (wagtail-localize issues #634 and #655). `save_draft` builds the
same translated object in memory and saves it only as a revision, which someone with publish
permission then publishes like any other draft.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.segments.ingest import ingest_segments


def is_published(page):
    """True when `page` and every page above it (below the tree root) are live: a draft, a
    pending submission or a week of an unpublished program is not, and stays out of exports."""
    if not page.live:
        return False
    return not page.get_ancestors().filter(depth__gt=1, live=False).exists()


def may_translate(user, page, target_locale):
    """True when `user` may change `page`'s translation into `target_locale`: edit the
    translated page when it exists, else add a page under the translated parent."""
    target = page.get_translation_or_none(target_locale)
    if target is not None:
        return target.permissions_for_user(user).can_edit()
    parent = page.get_parent()
    parent_translation = parent.get_translation_or_none(target_locale) if parent else None
    if parent_translation is None:
        return False  # no translated parent to file it under; nobody copies parents from here
    return parent_translation.permissions_for_user(user).can_add_subpage()


def may_translate_translation(user, translation):
    """`may_translate` for a wagtail-localize Translation (False when its page is gone)."""
    try:
        page = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return False
    return isinstance(page, Page) and may_translate(user, page, translation.target_locale)


def save_draft(translation, user=None):
    """Save the translation's current strings as a new draft revision of the translated page
    and return that revision. Nothing live changes: a page that already exists keeps its row
    as it is (only Wagtail's draft bookkeeping: latest revision, draft title); a page that does
    not exist yet is created as a copy that was never live.

    Raises ValidationError when the translated values do not make a valid page.
    """
    source = translation.source
    locale = translation.target_locale
    original = source.as_instance()
    try:
        page = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        page = original.copy_for_translation(locale)  # not live: nothing public changes
    if page.alias_of_id:
        # An alias mirrors its source and would overwrite the translation at the next source
        # publish. Dropping the link changes no content: the row still holds what is shown.
        page.alias_of_id = None
        page.save(update_fields=["alias_of_id"], clean=False)
    # Start from the latest revision, so a pending edit of an untranslated setting stays.
    draft = page.get_latest_revision_as_object()
    draft.alias_of_id = None  # an alias's revision may still name its source
    copy_synchronised_fields(original, draft)
    segments = source._get_segments_for_translation(locale, fallback=True)
    ingest_segments(original, draft, source.locale, locale, segments)
    draft.slug = find_available_slug(
        draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.id
    )
    # save_revision writes only the revision and the draft bookkeeping fields of the row.
    return draft.save_revision(user=user, log_action=True)
