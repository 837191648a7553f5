"""The members' panel of a resource page (rating, save, share, comments) and comment text."""

from django import template
from django.urls import reverse

from library import engagement, personal_library
from library.models import Collection, Rating

register = template.Library()

register.filter("linkify", engagement.linkify)


@register.inclusion_tag("library/members/includes/resource_panel.html", takes_context=True)
def resource_members_panel(context, page):
    request = context["request"]
    user = request.user
    key = page.translation_key
    order = "oldest" if request.GET.get("comments") == "oldest" else "newest"
    short = personal_library.resource_short_link(key)
    short_url = request.build_absolute_uri(reverse("short_link", args=[short.code]))
    comments = list(engagement.visible_comments(key, user, order))
    for comment in comments:
        comment.editable = engagement.can_edit(comment, user)
    mine = None
    if user.is_authenticated:
        mine = Rating.objects.filter(user=user, translation_key=key).first()
    return {
        "request": request,
        "user": user,
        "page": page,
        "distribution": engagement.rating_distribution(key),
        "my_rating": mine.stars if mine else None,
        "stars": [5, 4, 3, 2, 1],
        "comments": comments,
        "comment_order": order,
        "collections": Collection.objects.filter(owner=user) if user.is_authenticated else [],
        "short_url": short_url,
        "share_links": personal_library.share_links(short_url, page.title),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("library/members/includes/share.html")
def share_buttons(short_url, share_links):
    return {"short_url": short_url, "share_links": share_links}
