"""Curators' admin screens for members' contributions: comments to moderate, submissions,
feedback.

The screens keep the admin addresses they had before the models moved into this app, so
curators' bookmarks still work.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import featured_admin
from .models import Comment, FeedbackMessage, Submission


class CommentViewSet(SnippetViewSet):
    """Reported and held comments first; curators publish, hide or edit them."""

    model = Comment
    url_prefix = "snippets/library/comment"
    icon = "comment"
    menu_label = _("Comments")
    list_display = ["__str__", "author", "status", "report_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["body"]
    ordering = ["-report_count", "status", "-created_at"]
    panels = [
        FieldPanel("body"),
        FieldPanel("status"),
        FieldPanel("author", read_only=True),
        FieldPanel("report_count", read_only=True),
    ]


class SubmissionViewSet(SnippetViewSet):
    """Who submitted what; the review itself happens on the page, in the workflow."""

    model = Submission
    url_prefix = "snippets/library/submission"
    icon = "form"
    menu_label = _("Submissions")
    list_display = ["title", "member", "source_url", "created_at", "published_at"]
    search_fields = ["title", "source_url"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("title", read_only=True),
        FieldPanel("source_url", read_only=True),
        FieldPanel("page", read_only=True),
    ]


class MembersContributionsGroup(SnippetViewSetGroup):
    items = (CommentViewSet, SubmissionViewSet)
    menu_icon = "group"
    menu_label = _("Members")
    menu_order = 250


class FeedbackMessageViewSet(SnippetViewSet):
    """Curators read and resolve visitors' feedback."""

    model = FeedbackMessage
    url_prefix = "snippets/home/feedbackmessage"
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "contact", "language", "created_at", "resolved"]
    list_filter = ["resolved", "language"]
    search_fields = ["message", "contact"]
    ordering = ["resolved", "-created_at"]
    panels = [
        FieldPanel("message", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("page_url", read_only=True),
        FieldPanel("resolved"),
        FieldPanel("curator_note"),
    ]


register_snippet(MembersContributionsGroup)
register_snippet(FeedbackMessageViewSet)


featured_admin.register()  # “Curated by members” (community/featured_admin.py)
