"""Admin wiring for members' proposals: Reports menu entries, the dashboard panel with the
counts, and the history notes that credit members (imported by wagtail_hooks)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from community import problem_reports, suggestions, volunteer_translations

from .menu import PermissionMenuItem
from .views.base import CURATION_PERMISSION, TRANSLATION_PERMISSION


class MembersProposalsPanel(Component):
    """Dashboard: suggestions waiting, open problem reports (unsafe or harmful counted apart)
    and volunteer translations waiting for a translator."""

    name = "curation_members_proposals"
    order = 140
    template_name = "curation/proposals_panel.html"

    def __init__(self, show_curation, show_translation):
        self.show_curation = show_curation
        self.show_translation = show_translation

    def get_context_data(self, parent_context):
        context = {"show_curation": self.show_curation, "show_translation": self.show_translation}
        if self.show_curation:
            total, urgent = problem_reports.open_counts()
            context.update(
                suggestions=suggestions.pending_count(), reports=total, urgent_reports=urgent
            )
        if self.show_translation:
            context["translations"] = volunteer_translations.pending_translations().count()
        return context


@hooks.register("construct_homepage_panels")
def add_proposals_panel(request, panels):
    curation = request.user.has_perm(CURATION_PERMISSION)
    translation = request.user.has_perm(TRANSLATION_PERMISSION)
    if curation or translation:
        panels.append(MembersProposalsPanel(curation, translation))


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
