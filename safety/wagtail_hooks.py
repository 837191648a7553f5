"""Curators set and read tool statuses in the admin: one snippet listing that is the history
(newest first, filterable by status and by resource); adding a row sets the current status.

Rights: Settings → Groups → “Tool statuses” (add to set a status; change and delete exist for
correcting a mistaken row, and the listing is the history curators read)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import ToolStatusForm
from .models import ToolStatus


class ToolStatusViewSet(SnippetViewSet):
    model = ToolStatus
    icon = "warning"
    menu_label = _("Tool warnings")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["resource", "status", "noted_on", "set_by", "set_at"]
    list_filter = {"status": ["exact"], "translation_key": ["exact"]}
    ordering = ["-set_at", "-pk"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("resource"),
            FieldPanel("status"),
            FieldPanel("countries"),
            FieldPanel("noted_on"),
            FieldPanel("note_en"),
            FieldPanel("note_ar"),
            FieldPanel("alternative"),
        ],
        base_form_class=ToolStatusForm,
    )


register_snippet(ToolStatusViewSet)
