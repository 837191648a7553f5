"""`{% load tool_warnings %}{% tool_warning resource %}`: a resource's current warning in the
reader's language, or nothing. `resource` may be a page, a page id or an item dict (search
results, API items); `compact=True` for cards and lists."""

from django import template

from safety.statuses import plain_text, warning_for

register = template.Library()


@register.inclusion_tag("safety/tool_warning.html")
def tool_warning(resource, compact=False, absolute=False):
    """The warning box (empty when the resource has no current warning). `absolute=True` links
    the alternative by its full address (offline packs, e-mail)."""
    warning = warning_for(resource)
    alternative_url = None
    if warning is not None and warning.alternative is not None:
        page = warning.alternative
        alternative_url = (page.full_url if absolute else page.url) or page.full_url
    return {"warning": warning, "compact": compact, "alternative_url": alternative_url}


@register.simple_tag
def tool_warning_text(resource):
    """The warning as one line of plain text ('' when none), for feeds and plain e-mail."""
    warning = warning_for(resource)
    return plain_text(warning) if warning is not None else ""


@register.inclusion_tag("safety/member_notices.html", takes_context=True)
def tool_warning_notices(context):
    """The signed-in member's open notices about tools they saved or follow (nothing for
    visitors), each with a button to dismiss it."""
    from django.utils.translation import get_language

    from safety.member_notices import notices_for

    request = context.get("request")
    user = getattr(request, "user", None)
    notices = notices_for(user, get_language()) if user is not None else []
    return {"notices": notices, "request": request, "csrf_token": context.get("csrf_token")}
