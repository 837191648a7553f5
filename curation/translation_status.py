"""Translation status of resources, categories and standard pages, from wagtail-localize's own
records: which lack a translation, which are stale (the source was published after it was last
synced for translation) and which still have untranslated strings.

A page is a *source* in direction src→tgt when it lives in locale src and is not itself a
translation of a page in another locale (wagtail-localize's TranslationSource says which
locale a work was translated from).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

SUMMARY_CACHE_KEY = "curation:translation-summary"
SUMMARY_CACHE_SECONDS = 300
MISSING, STALE, INCOMPLETE, UP_TO_DATE = "missing", "stale", "incomplete", "up_to_date"
STATUS_LABELS = {
    MISSING: _("Not translated"),
    STALE: _("Source changed since last sync"),
    INCOMPLETE: _("Strings left to translate"),
    UP_TO_DATE: _("Up to date"),
}
PAGE_TYPES = {
    "resource": ("library", "resourcepage", _("Resources")),
    "category": ("library", "categorypage", _("Categories")),
    "standard": ("home", "standardpage", _("Standard pages")),
}


@dataclass
class Row:
    page: Page  # the source page (specific)
    status: str
    target_locale: Locale
    target: Page | None = None
    source: TranslationSource | None = None
    translation: Translation | None = None
    total: int = 0
    done: int = 0

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def directions():
    """[(code, source locale, target locale)] for both directions, e.g. ("en-ar", en, ar);
    from the default language first."""
    default = Locale.get_default()
    locales = sorted(
        Locale.objects.all(), key=lambda locale: (locale.pk != default.pk, locale.language_code)
    )
    return [
        (f"{a.language_code}-{b.language_code}", a, b)
        for a in locales
        for b in locales
        if a.pk != b.pk
    ]


def direction_label(source_locale, target_locale):
    """ "From English to Arabic", in words (an arrow would point the wrong way in Arabic)."""
    from django.utils.translation import gettext

    return gettext("From %(source)s to %(target)s") % {
        "source": source_locale.get_display_name(),
        "target": target_locale.get_display_name(),
    }


def _content_types(kinds):
    from django.contrib.contenttypes.models import ContentType

    return [
        ContentType.objects.get_by_natural_key(app, model)
        for kind, (app, model, _label) in PAGE_TYPES.items()
        if kind in kinds
    ]


def status_rows(
    source_locale, target_locale, kinds=None, category=None, statuses=None, specific=True
):
    """Rows for every source page of `kinds` (default: all) in `source_locale` towards
    `target_locale`, optionally only resources filed under `category` (a default-language
    CategoryPage) and only the given `statuses`. Pages needing work come first. Without
    `specific`, rows carry plain Page objects (enough for counting, much cheaper)."""
    kinds = kinds or list(PAGE_TYPES)
    pages = Page.objects.filter(locale=source_locale, content_type__in=_content_types(kinds))
    if category is not None:
        from library.models import ResourcePage

        keys = ResourcePage.objects.filter(categories=category).values("translation_key")
        pages = pages.filter(
            Q(translation_key__in=keys) | Q(translation_key=category.translation_key)
        )
    pages = pages.order_by("title")
    pages = list(pages.specific() if specific else pages)
    keys = [page.translation_key for page in pages]
    sources = {
        (s.object_id, s.locale_id): s for s in TranslationSource.objects.filter(object_id__in=keys)
    }
    # A page that is a translation of another locale's page is not a source here.
    translated_from_elsewhere = {
        key for (key, locale_id) in sources if locale_id != source_locale.pk
    } - {key for (key, locale_id) in sources if locale_id == source_locale.pk}
    targets = {
        page.translation_key: page
        for page in Page.objects.filter(locale=target_locale, translation_key__in=keys)
    }
    own_sources = [s for (key, locale_id), s in sources.items() if locale_id == source_locale.pk]
    translations = {
        t.source_id: t
        for t in Translation.objects.filter(source__in=own_sources, target_locale=target_locale)
    }
    progress = _progress([s.pk for s in own_sources], target_locale)

    rows = []
    for page in pages:
        if page.translation_key in translated_from_elsewhere:
            continue
        source = sources.get((page.translation_key, source_locale.pk))
        translation = translations.get(source.pk) if source else None
        target = targets.get(page.translation_key)
        total, done = progress.get(source.pk, (0, 0)) if source else (0, 0)
        if target is None:
            status = MISSING
        elif source is not None and _changed_since_sync(page, source):
            status = STALE
        elif translation is not None and done < total:
            status = INCOMPLETE
        else:
            status = UP_TO_DATE
        row = Row(page, status, target_locale, target, source, translation, total, done)
        if not statuses or status in statuses:
            rows.append(row)
    order = [MISSING, STALE, INCOMPLETE, UP_TO_DATE]
    rows.sort(key=lambda row: order.index(row.status))
    return rows


def _changed_since_sync(page, source):
    """True when the source page was published (or, unpublished, edited) after wagtail-localize
    last extracted its strings."""
    changed = page.last_published_at or page.latest_revision_created_at
    return changed is not None and changed > source.last_updated_at


def _progress(source_ids, target_locale):
    """{source id: (segments, translated segments)} in a single query."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=target_locale,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .annotate(is_translated=Exists(translated))
        .values("source_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True)))
    )
    return {row["source_id"]: (row["total"], row["done"]) for row in rows}


def summary():
    """{direction code: {status: count}} over every page type, for the dashboard panel.

    Cached for a few minutes: the dashboard is every editor's first page, and counting walks
    every translatable page."""
    cached = cache.get(SUMMARY_CACHE_KEY)
    if cached is not None:
        return cached
    counts = {}
    for code, source_locale, target_locale in directions():
        per_status = dict.fromkeys(STATUS_LABELS, 0)
        for row in status_rows(source_locale, target_locale, specific=False):
            per_status[row.status] += 1
        counts[code] = per_status
    cache.set(SUMMARY_CACHE_KEY, counts, SUMMARY_CACHE_SECONDS)
    return counts
