"""The members' panel of a resource page (rating, save, share, comments), hooked into the
library's resource page through library.resource_extensions when the app is ready."""

from django.urls import reverse

from . import comments, shortlinks
from .models import Rating
from .ratings import rating_distribution
from .sharing import editable_collections

ASSETS_TEMPLATE = "community/includes/assets.html"
PANEL_TEMPLATE = "community/includes/resource_panel.html"


def panel_context(context, page):
    """What the panel shows to this reader: ratings, their own rating, comments, collections
    to save into and the share links."""
    request = context["request"]
    user = request.user
    key = page.translation_key
    order = "oldest" if request.GET.get("comments") == "oldest" else "newest"
    short = shortlinks.resource_short_link(key)
    short_url = request.build_absolute_uri(reverse("short_link", args=[short.code]))
    visible = list(comments.visible_comments(key, user, order))
    for comment in visible:
        comment.editable = comments.can_edit(comment, user)
    mine = None
    if user.is_authenticated:
        mine = Rating.objects.filter(user=user, translation_key=key).first()
    return {
        "request": request,
        "user": user,
        "page": page,
        "distribution": rating_distribution(key),
        "my_rating": mine.stars if mine else None,
        "stars": [5, 4, 3, 2, 1],
        "comments": visible,
        "comment_order": order,
        "collections": editable_collections(user) if user.is_authenticated else [],
        "short_url": short_url,
        "share_links": shortlinks.share_links(short_url, page.title),
        "csrf_token": context.get("csrf_token"),
    }


def render_panel(context, page):
    """The panel's HTML, rendered in a fresh context the way an inclusion tag renders."""
    template = context.template.engine.get_template(PANEL_TEMPLATE)
    return template.render(context.new(panel_context(context, page)))


def register():
    from library import resource_extensions

    resource_extensions.add_head_template(ASSETS_TEMPLATE)
    resource_extensions.add_panel(render_panel)
