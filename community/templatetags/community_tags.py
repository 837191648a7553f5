"""Template helpers for members' screens: comment text made safe and linked, share buttons."""

from django import template

from community import comments

register = template.Library()

register.filter("linkify", comments.linkify)


@register.inclusion_tag("community/includes/share.html")
def share_buttons(short_url, share_links):
    return {"short_url": short_url, "share_links": share_links}
