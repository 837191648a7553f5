"""Public bits of curation shown on library pages: the broken-link notice and wanted notes."""

from django import template
from django.utils.translation import get_language

from library.services import default_locale

from ..link_health import health_for
from ..models import LinkHealth, WantedNote

register = template.Library()


@register.inclusion_tag("curation/includes/link_notice.html")
def link_health_notice(page):
    """A notice with the archived copy's link when the resource's link is broken or retired."""
    health = health_for(page)
    shown = health is not None and health.state in (LinkHealth.BROKEN, LinkHealth.RETIRED)
    return {"health": health if shown else None}


@register.inclusion_tag("curation/includes/wanted_notes.html")
def wanted_notes(category):
    """Active wanted notes of a category page (notes point at the default-language page)."""
    source = category.get_translation_or_none(default_locale()) or category
    notes = WantedNote.objects.filter(category=source, active=True)
    language = (get_language() or "en").split("-")[0]
    return {
        "notes": [{"note": note, "message": note.message(language)} for note in notes],
    }
