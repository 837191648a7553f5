"""Curators read and resolve visitors' feedback in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FeedbackMessage


class FeedbackMessageViewSet(SnippetViewSet):
    model = FeedbackMessage
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


register_snippet(FeedbackMessageViewSet)
