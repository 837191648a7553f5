"""Template helpers for members' screens: comment text made safe and linked, share buttons."""

from django import template

from community import comments

register = template.Library()

register.filter("linkify", comments.linkify)


@register.inclusion_tag("community/includes/share.html")
def share_buttons(short_url, share_links):
    return {"short_url": short_url, "share_links": share_links}


@register.inclusion_tag("community/includes/featured_collections.html")
def curated_by_members(category=None):
    """“Curated by members”: featured public collections for the home page (no argument) or
    for a category page (`category`); renders nothing when none is featured there."""
    from community.featured import featured_collections

    return {"featured_collections": featured_collections(category)}


@register.inclusion_tag("community/includes/follow_button.html", takes_context=True)
def follow_button(context, kind, thing=None):
    """A “Follow” button for `thing` (a category or program page, a collection); for
    kind "search", the search on this page (nothing when the search cannot be followed)."""
    from community import following

    request = context["request"]
    if kind == "search":
        try:
            thing, _params = following.search_target(request.GET)
        except following.FollowRefused:
            return {"follow": None}
    return {
        "follow": following.follow_button(request.user, kind, thing),
        "user": request.user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
