"""Members' proposals in the admin: the curators' Suggestions queue (current and proposed
values side by side; accept or reject with a reason), problem reports (unsafe and harmful
first), and the translators' queue of volunteer translations waiting as drafts."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder

from community import problem_reports, suggestions, volunteer_translations, work_pages
from community.models import ProblemReport, Suggestion, VolunteerTranslation

from .base import TRANSLATION_PERMISSION, CurationView


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the member reads it)"), max_length=500, required=False
    )


def _resource_rows(items, user):
    """Attach each item's resource page (any language, preferring the default) and its
    editor's address."""
    finder = AdminURLFinder(user)
    for item in items:
        pages = work_pages.pages_by_language(item.translation_key)
        item.page = work_pages.source_page(item.translation_key, pages)
        item.edit_url = finder.get_edit_url(item.page) if item.page else ""
    return items


class SuggestionQueueView(CurationView):
    template_name = "curation/suggestions.html"
    page_title = gettext_lazy("Suggestions")
    header_icon = "edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = list(
            Suggestion.objects.filter(status=Suggestion.PENDING).order_by("created_at", "id")[:50]
        )
        for item in _resource_rows(pending, self.request.user):
            item.rows = suggestions.comparison(item) if item.page else []
            item.credit = suggestions.shown_credit(suggestions.credit_name(item.member))
        context.update(suggestions=pending, total=suggestions.pending_count())
        return context

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(Suggestion, pk=request.POST.get("suggestion") or 0)
        form = DecisionForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            if request.POST.get("action") == "accept":
                outcome = suggestions.accept_suggestion(item, request.user)
                if all(outcome.values()):
                    messages.success(request, _("Accepted and published."))
                else:
                    messages.warning(
                        request,
                        _(
                            "Accepted. A page had a draft waiting, so the change was added to "
                            "that draft: publish it from the page editor."
                        ),
                    )
            elif request.POST.get("action") == "reject":
                if not reason.strip():
                    messages.error(request, _("Give the member a reason for not accepting it."))
                    return redirect(request.get_full_path())
                suggestions.reject_suggestion(item, request.user, reason)
                messages.success(request, _("Rejected; the member will see your reason."))
        except suggestions.AlreadyDecided:
            messages.error(request, _("Another curator decided on this suggestion already."))
        return redirect(request.get_full_path())


class ProblemReportQueueView(CurationView):
    template_name = "curation/problem_reports.html"
    page_title = gettext_lazy("Problem reports")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = list(problem_reports.curator_queue().select_related("member")[:100])
        total, urgent = problem_reports.open_counts()
        context.update(reports=_resource_rows(queue, self.request.user), total=total, urgent=urgent)
        return context

    def post(self, request, *args, **kwargs):
        report = get_object_or_404(ProblemReport, pk=request.POST.get("report") or 0)
        status = request.POST.get("action")
        if status not in (ProblemReport.RESOLVED, ProblemReport.DISMISSED):
            messages.error(request, _("Choose resolve or dismiss."))
        elif problem_reports.close_report(report, status, request.POST.get("note", "")):
            messages.success(request, _("The report is closed."))
        return redirect(request.get_full_path())


class VolunteerTranslationQueueView(CurationView):
    """Translators review a volunteer's draft in the page editor and publish it here or there."""

    permission = TRANSLATION_PERMISSION
    template_name = "curation/volunteer_translations.html"
    page_title = gettext_lazy("Volunteer translations")
    header_icon = "wagtail-localize-language"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        finder = AdminURLFinder(self.request.user)
        pending = list(volunteer_translations.pending_translations().order_by("created_at")[:100])
        for item in pending:
            item.page = volunteer_translations.draft_page(item)
            item.edit_url = finder.get_edit_url(item.page) if item.page else ""
            item.source = work_pages.source_page(item.translation_key)
        context.update(translations=pending)
        return context

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(
            VolunteerTranslation, pk=request.POST.get("translation") or 0, status="pending"
        )
        page = volunteer_translations.draft_page(item)
        if page is None:
            messages.error(request, _("That translation's page no longer exists."))
            return redirect(request.get_full_path())
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        page.get_latest_revision().publish(user=request.user)
        messages.success(request, _("Published. The volunteer is credited in the page history."))
        return redirect(request.get_full_path())
