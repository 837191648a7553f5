"""Curators keep the vocabulary in the admin: one snippet listing of concepts, searchable and
filterable by category; the model's validation refuses empty labels, shared terms and cycles."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Concept


class ConceptViewSet(SnippetViewSet):
    """Concepts of the field with their Arabic and English labels and variants."""

    model = Concept
    icon = "tag"
    menu_label = _("Vocabulary")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["label_en", "label_ar", "category", "identifier", "updated_at"]
    list_filter = ["category"]
    search_fields = ["label_en", "label_ar", "variants_en", "variants_ar", "identifier"]
    ordering = ["label_en"]
    panels = [
        FieldRowPanel([FieldPanel("label_en"), FieldPanel("label_ar")]),
        FieldRowPanel([FieldPanel("variants_en"), FieldPanel("variants_ar")]),
        MultiFieldPanel(
            [FieldPanel("identifier"), FieldPanel("category"), FieldPanel("broader")],
            heading=_("Place in the vocabulary"),
        ),
    ]


register_snippet(ConceptViewSet)
