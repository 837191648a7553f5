"""Improving a resource: suggesting a correction, reporting a problem, translating its title or
summary; and the member's own “My suggestions” page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tasharuk.ratelimit import rate_limited

from .. import problem_reports, suggestions, volunteer_translations
from ..models import ProblemReport, Suggestion, VolunteerTranslation
from ..suggestion_forms import ProblemReportForm, SuggestionForm, VolunteerTranslationForm
from .base import resource_or_404


def _initial(values, token):
    initial = dict(values)
    initial["opened"] = token
    return initial


@login_required
@rate_limited("suggest")
def suggest(request, key):
    """The correction form, prefilled; a resource changed meanwhile is shown, not overwritten."""
    page = resource_or_404(key)
    changed_meanwhile = []
    if request.method != "POST":
        token = suggestions.opened_token(key)
        opened = suggestions.read_opened_token(token, key)
        form = SuggestionForm(
            initial=_initial(opened["values"], token),
            resource=page,
            opened_values=opened["values"],
        )
    else:
        opened = suggestions.read_opened_token(request.POST.get("opened"), key)
        if opened is None:
            # No or a forged note of what the form showed: nothing can tell the member's
            # changes from old values, so nothing is saved; the form comes back to check.
            form = _refreshed_form(request, page, key, suggestions.FIELDS)
            form.add_error(None, _("Please check the values below and send the form again."))
        else:
            form = SuggestionForm(request.POST, resource=page, opened_values=opened["values"])
        if opened is not None and form.is_valid():
            changed_meanwhile = suggestions.changed_since(opened["values"], key)
            changes = suggestions.proposed_changes(opened["values"], form.cleaned_data)
            if changed_meanwhile:
                form = _refreshed_form(request, page, key, changes)
            elif not changes:
                form.add_error(None, _("You have not changed anything yet."))
            else:
                suggestions.create_suggestion(
                    request.user,
                    key,
                    opened,
                    changes,
                    reason=form.cleaned_data["reason"],
                    language=get_language(),
                )
                messages.success(request, _("Thank you! A curator will look at your suggestion."))
                return redirect("community_my_suggestions")
    return render(
        request,
        "community/suggestions/suggest.html",
        {
            "form": form,
            "resource": page,
            "changed_meanwhile": [
                {
                    "label": suggestions.FIELD_LABELS[name],
                    "then": suggestions.display_value(name, then),
                    "now": suggestions.display_value(name, now),
                }
                for name, then, now in changed_meanwhile
            ],
        },
    )


def _refreshed_form(request, page, key, changes):
    """The form again after the resource changed meanwhile: what the member changed is kept,
    every other field shows the value now, and the next submission is measured against now
    (so fields the member did not touch cannot undo someone else's change)."""
    token = suggestions.opened_token(key)
    now = suggestions.read_opened_token(token, key)["values"]
    data = request.POST.copy()
    data["opened"] = token
    for name in suggestions.FIELDS:
        if name in changes:
            continue
        value = now[name]
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    form = SuggestionForm(data, resource=page, opened_values=now)
    form.is_valid()
    return form


@login_required
@rate_limited("report")
def report_problem(request, key):
    page = resource_or_404(key)
    existing = problem_reports.open_report(request.user, key)
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            problem_reports.report_problem(
                request.user,
                key,
                form.cleaned_data["kind"],
                form.cleaned_data["details"],
                language=get_language(),
            )
        except problem_reports.AlreadyReported as already:
            existing = already.report
        else:
            messages.success(request, _("Thank you. A curator will look at this resource."))
            return redirect(page.url)
    return render(
        request,
        "community/suggestions/report.html",
        {"form": form, "resource": page, "existing": existing},
    )


@login_required
@rate_limited("suggest")
def help_translate(request, key, language):
    """Propose the missing title or summary in `language`; it waits as a draft."""
    page = resource_or_404(key)
    needs = volunteer_translations.translation_needs(key).get(language)
    if not needs:
        raise Http404
    form = VolunteerTranslationForm(request.POST or None, language=language, needs=needs)
    if request.method == "POST" and form.is_valid():
        volunteer_translations.propose_translation(
            request.user,
            key,
            language,
            title=form.cleaned_data.get("title", ""),
            summary=form.cleaned_data.get("summary", ""),
        )
        messages.success(
            request,
            _("Thank you! A translator will review your translation before it is published."),
        )
        return redirect("community_my_suggestions")
    source = volunteer_translations.work_pages.source_page(key)
    return render(
        request,
        "community/suggestions/translate.html",
        {"form": form, "resource": page, "source": source, "language": language},
    )


@login_required
def my_suggestions(request):
    """The member's own suggestions, reports and translations; nobody else's."""
    mine = list(Suggestion.objects.filter(member=request.user))
    for item in mine:
        item.resource = resource_or_none(item.translation_key)
        item.fields = [suggestions.FIELD_LABELS.get(name, name) for name in item.changes]
    reports = list(ProblemReport.objects.filter(member=request.user))
    for item in reports:
        item.resource = resource_or_none(item.translation_key)
    translations = list(VolunteerTranslation.objects.filter(member=request.user))
    for item in translations:
        item.resource = resource_or_none(item.translation_key)
    return render(
        request,
        "community/suggestions/mine.html",
        {"suggestions": mine, "reports": reports, "translations": translations},
    )


def resource_or_none(key):
    try:
        return resource_or_404(key)
    except Http404:
        return None
