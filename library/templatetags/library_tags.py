"""Template filters that turn stored vocabulary codes into labels in the active language."""

from django import template

from library import vocabularies
from library.blocks import CONTRIBUTOR_ROLES

register = template.Library()

register.filter("language_label", vocabularies.language_label)
register.filter("region_label", vocabularies.region_label)
register.filter("format_label", vocabularies.format_label)


@register.filter
def contributor_role(code):
    return CONTRIBUTOR_ROLES.get(code, code)
