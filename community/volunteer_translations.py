"""Volunteer translations: where a resource's title or summary is missing in a language (or
is still the other language's text, which is how wagtail-localize fills an untranslated
string), members may propose it. The proposal becomes a DRAFT of that translation in
wagtail-localize; only a translator's publishing puts it live, and then the member is
credited in the page's history."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.signals import page_published

from library.models import ResourcePage

from . import work_pages
from .models import VolunteerTranslation
from .suggestions import credit_name

PUBLISHED_ACTION = "community.translation_published"


def translation_needs(translation_key):
    """{language: ["title", "summary"]} of what is missing or untranslated in each language
    other than the source's. Empty when the resource needs no help."""
    pages = work_pages.pages_by_language(translation_key)
    source = work_pages.source_page(translation_key, pages)
    if source is None:
        return {}
    needs = {}
    for locale in Locale.objects.exclude(pk=source.locale_id):
        page = pages.get(locale.language_code)
        missing = []
        for name in ("title", "summary"):
            original = getattr(source, name)
            if not original:
                continue
            text = getattr(page, name) if page is not None and page.live else ""
            if not text or text == original:
                missing.append(name)
        if missing:
            needs[locale.language_code] = missing
    return needs


@transaction.atomic
def propose_translation(member, translation_key, language, title="", summary=""):
    """Save `member`'s translation as a draft of the resource's `language` page (created as
    a draft when it did not exist) and record it. Nothing goes live."""
    pages = work_pages.pages_by_language(translation_key)
    source = work_pages.source_page(translation_key, pages)
    if source is None or source.locale.language_code == language:
        raise ValueError(language)
    locale = Locale.objects.get(language_code=language)
    fields = {name: value.strip() for name, value in (("title", title), ("summary", summary))}
    fields = {name: value for name, value in fields.items() if value}
    if not fields:
        raise ValueError("nothing to translate")
    work_pages.translate_as_draft(source, locale, fields)
    return VolunteerTranslation.objects.create(
        member=member,
        translation_key=translation_key,
        language=language,
        title=fields.get("title", ""),
        summary=fields.get("summary", ""),
    )


def pending_translations():
    return VolunteerTranslation.objects.filter(status=VolunteerTranslation.PENDING)


def draft_page(volunteer):
    """The page of the language the volunteer translated into (its draft waits there)."""
    return ResourcePage.objects.filter(
        translation_key=volunteer.translation_key, locale__language_code=volunteer.language
    ).first()


def _on_published(sender, instance, revision=None, **kwargs):
    """A translator published a page: credit the volunteers whose text is now live in it."""
    if not isinstance(instance.specific_deferred, ResourcePage):
        return
    page = ResourcePage.objects.select_related("locale").get(pk=instance.pk)
    waiting = VolunteerTranslation.objects.filter(
        translation_key=page.translation_key,
        language=page.locale.language_code,
        status=VolunteerTranslation.PENDING,
    ).select_related("member")
    for volunteer in waiting:
        used = (volunteer.title and volunteer.title == page.title) or (
            volunteer.summary and volunteer.summary == page.summary
        )
        if not used:
            continue
        volunteer.status = VolunteerTranslation.PUBLISHED
        volunteer.published_at = timezone.now()
        volunteer.save(update_fields=["status", "published_at"])
        log(
            instance=page,
            action=PUBLISHED_ACTION,
            user=kwargs.get("user"),
            revision=revision,
            data={"credit": credit_name(volunteer.member), "translation": volunteer.pk},
        )


def connect():
    page_published.connect(_on_published, dispatch_uid="community_volunteer_translation_published")
