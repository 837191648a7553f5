"""Template filters that turn stored vocabulary codes into labels in the active language, and the
tags that render what other apps add to a resource page (see library.resource_extensions)."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from library import creators, resource_extensions, vocabularies
from library.blocks import CONTRIBUTOR_ROLES

register = template.Library()

register.filter("language_label", vocabularies.language_label)
register.filter("region_label", vocabularies.region_label)
register.filter("format_label", vocabularies.format_label)


@register.filter
def creator_url(name, role):
    """The address of the page listing a publisher's or author's resources ('' for none)."""
    slug = creators.creator_slug(name)
    if not slug or role not in creators.ROLES:
        return ""
    return reverse(f"library_{role}", args=[slug])


@register.filter
def contributor_role(code):
    return CONTRIBUTOR_ROLES.get(code, code)


@register.simple_tag(takes_context=True)
def resource_page_head(context):
    """The registered head templates, rendered with the page's context (as an include would)."""
    engine = context.template.engine
    return mark_safe(
        "".join(
            engine.get_template(name).render(context)
            for name in resource_extensions.head_templates()
        )
    )


@register.simple_tag(takes_context=True)
def resource_page_panels(context, page):
    """The registered panels of a resource page, in registration order."""
    return mark_safe(resource_extensions.rendered("panels", context, page))


@register.simple_tag(takes_context=True)
def resource_page_notices(context, page):
    """The registered notices under a resource's header (for instance a broken link's)."""
    return mark_safe(resource_extensions.rendered("notices", context, page))


@register.simple_tag(takes_context=True)
def category_page_notices(context, page):
    """The registered notices under a category page's introduction."""
    return mark_safe(resource_extensions.rendered("category_notices", context, page))


@register.simple_tag(takes_context=True)
def resource_card_notices(context, page):
    """The registered notices inside a resource card (a tool warning, for instance)."""
    return mark_safe(resource_extensions.rendered("card_notices", context, page))
