"""Admin wiring for members' proposals: Reports menu entries, the home page panel with the
volunteer translations waiting, and the history notes that credit members (imported by
wagtail_hooks)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from community import suggestions, volunteer_translations

from .menu import PermissionMenuItem
from .views.base import CURATION_PERMISSION, TRANSLATION_PERMISSION


class MembersProposalsPanel(Component):
    """Dashboard: volunteer translations waiting for a translator. (Suggestions and problem
    reports wait for curators: they are on the curators' dashboard, curation.dashboard.)"""

    name = "curation_members_proposals"
    order = 140
    template_name = "curation/proposals_panel.html"

    def get_context_data(self, parent_context):
        return {"translations": volunteer_translations.pending_translations().count()}


@hooks.register("construct_homepage_panels")
def add_proposals_panel(request, panels):
    if request.user.has_perm(TRANSLATION_PERMISSION):
        panels.append(MembersProposalsPanel())


def _menu_item(label, url_name, icon, order, permission):
    return PermissionMenuItem(
        label, reverse(url_name), icon_name=icon, order=order, permission=permission
    )


@hooks.register("register_reports_menu_item")
def suggestions_menu_item():
    return _menu_item(_("Suggestions"), "curation_suggestions", "edit", 90, CURATION_PERMISSION)


@hooks.register("register_reports_menu_item")
def problem_reports_menu_item():
    return _menu_item(
        _("Problem reports"), "curation_problem_reports", "warning", 95, CURATION_PERMISSION
    )


@hooks.register("register_reports_menu_item")
def volunteer_translations_menu_item():
    return _menu_item(
        _("Volunteer translations"),
        "curation_volunteer_translations",
        "wagtail-localize-language",
        125,
        TRANSLATION_PERMISSION,
    )


@hooks.register("register_log_actions")
def register_credit_actions(actions):
    @actions.register_action(suggestions.ACCEPTED_ACTION)
    class SuggestionAccepted(LogFormatter):
        label = _("Member's suggestion applied")

        def format_message(self, log_entry):
            return _("Applied a suggestion by %(name)s") % {
                "name": suggestions.shown_credit(log_entry.data.get("credit"))
            }

    @actions.register_action(volunteer_translations.PUBLISHED_ACTION)
    class TranslationPublished(LogFormatter):
        label = _("Volunteer translation published")

        def format_message(self, log_entry):
            return _("Published a translation by %(name)s") % {
                "name": suggestions.shown_credit(log_entry.data.get("credit"))
            }
