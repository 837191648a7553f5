"""Curators' screen for “Curated by members”: which public collections are featured where.

Curators need the featured-collection permissions (Settings → Groups → Featured collections).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FeaturedCollection


class FeaturedCollectionViewSet(SnippetViewSet):
    """Feature a public collection on the home page and/or category pages."""

    model = FeaturedCollection
    icon = "list-ul"
    menu_label = _("Curated by members")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "on_home_page", "featured_at"]
    list_filter = ["on_home_page"]
    ordering = ["-featured_at"]
    panels = [
        FieldPanel("collection"),
        FieldPanel("on_home_page"),
        FieldPanel("categories"),
    ]


def register():
    register_snippet(FeaturedCollectionViewSet)
