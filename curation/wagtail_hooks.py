"""Curation in the Wagtail admin: its reports in the Reports menu, wanted notes as snippets."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls, dashboard, translation_status
from .bulk_actions import ClassifyBulkAction
from .listing import ResourceListingViewSet
from .menu import PermissionMenuItem
from .models import WantedNote
from .views.base import CURATION_PERMISSION, TRANSLATION_PERMISSION


@hooks.register("register_admin_urls")
def register_curation_urls():
    return [path("curation/", include(admin_urls))]


@hooks.register("register_reports_menu_item")
def gap_report_menu_item():
    return PermissionMenuItem(
        _("Knowledge gaps"),
        reverse("curation_gaps"),
        icon_name="table",
        order=100,
        permission=CURATION_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def link_report_menu_item():
    return PermissionMenuItem(
        _("Link health"),
        reverse("curation_links"),
        icon_name="link",
        order=110,
        permission=CURATION_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def review_queue_menu_item():
    return PermissionMenuItem(
        _("Review queue"),
        reverse("curation_reviews"),
        icon_name="calendar-alt",
        order=115,
        permission=CURATION_PERMISSION,
    )


class WantedNoteViewSet(SnippetViewSet):
    """Curators edit the notes the gap report created, or write their own."""

    model = WantedNote
    icon = "help"
    menu_label = _("Wanted notes")
    menu_order = 260
    add_to_admin_menu = False
    list_display = ["category", "resource_language", "active", "created_at"]
    list_filter = ["active"]
    panels = [
        FieldPanel("category"),
        FieldPanel("resource_language"),
        FieldPanel("message_en"),
        FieldPanel("message_ar"),
        FieldPanel("active"),
    ]


register_snippet(WantedNoteViewSet)


class TranslationStatusPanel(Component):
    """Dashboard: how many pages lack a translation, are stale or unfinished, per direction."""

    name = "curation_translation_status"
    order = 150
    template_name = "curation/translation_panel.html"

    def get_context_data(self, parent_context):
        summary = translation_status.summary()
        names = {
            code: translation_status.direction_label(a, b)
            for code, a, b in translation_status.directions()
        }
        return {
            "labels": list(translation_status.STATUS_LABELS.items()),
            "directions": [
                {
                    "code": code,
                    "label": names[code],
                    "counts": list(counts.items()),
                }
                for code, counts in summary.items()
            ],
        }


hooks.register("construct_homepage_panels", dashboard.add_dashboard_panel)


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    if request.user.has_perm(TRANSLATION_PERMISSION):
        panels.append(TranslationStatusPanel())


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return PermissionMenuItem(
        _("Translation status"),
        reverse("curation_translations"),
        icon_name="wagtail-localize-language",
        order=120,
        permission=TRANSLATION_PERMISSION,
    )


hooks.register("register_bulk_action", ClassifyBulkAction)


@hooks.register("register_admin_viewset")
def register_resource_listing():
    return ResourceListingViewSet()


# Members' proposals (suggestions, problem reports, volunteer translations) register their own.
from . import suggestion_hooks  # noqa: E402, F401
