"""The knowledge-gap report: coverage, searches that found nothing, submissions; CSV export;
turning a gap into a public wanted note."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder

from library import vocabularies

from .. import gaps
from ..forms import PeriodForm
from ..models import WantedNote
from .base import CURATION_PERMISSION, CurationView, require

EXPORTS = ("coverage", "regions", "formats", "searches", "submissions")


class GapReportView(CurationView):
    template_name = "curation/gap_report.html"
    page_title = gettext_lazy("Knowledge gaps")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in EXPORTS:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def period_form(self):
        return PeriodForm.from_query(self.request.GET)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rtl = context["rtl"]
        thin = settings.TASHARUK_CURATION["THIN_COVERAGE_BELOW"]
        columns, rows = gaps.coverage_matrix()
        for row in rows:  # the admin's language: Arabic titles for an Arabic-speaking curator
            row.title = row.category.localized.title
        form = self.period_form()
        start, end = form.period()
        searches = gaps.zero_result_searches(start, end)
        context.update(
            thin_below=thin,
            primary_languages=gaps.PRIMARY_LANGUAGES,
            language_columns=[(code, vocabularies.language_label(code)) for code in columns],
            matrix=rows,
            regions=gaps.bars([(label, n) for _c, label, n in gaps.coverage_by_region()], rtl=rtl),
            formats=gaps.bars([(label, n) for _c, label, n in gaps.coverage_by_format()], rtl=rtl),
            period_form=form,
            start=start,
            end=end,
            searches=[
                (code, name, gaps.bars(searches.get(code, []), rtl=rtl))
                for code, name in settings.LANGUAGES
            ],
            submissions=gaps.columns(gaps.submissions_per_month(), rtl=rtl),
            wanted=set(
                WantedNote.objects.filter(active=True).values_list(
                    "category_id", "resource_language"
                )
            ),
            exports=EXPORTS,
        )
        return context

    def export(self, name):
        if name == "coverage":
            columns, rows = gaps.coverage_matrix()
            header = [_("Category"), *columns, _("All languages")]
            body = [[row.category.slug, *[n for _code, n in row.cells], row.total] for row in rows]
        elif name == "regions":
            header = [_("Region"), _("Name"), _("Resources")]
            body = gaps.coverage_by_region()
        elif name == "formats":
            header = [_("Format"), _("Name"), _("Resources")]
            body = gaps.coverage_by_format()
        elif name == "searches":
            start, end = self.period_form().period()
            header = [_("Language"), _("Searched for"), _("Searches without results")]
            body = [
                [locale, query, count]
                for locale, items in sorted(gaps.zero_result_searches(start, end).items())
                for query, count in items
            ]
        else:
            header = [_("Month"), _("Submissions")]
            body = [[month.strftime("%Y-%m"), n] for month, n in gaps.submissions_per_month()]
        response = HttpResponse(gaps.to_csv(header, body), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tasharuk-gaps-{name}.csv"'
        return response


@require_POST
def create_wanted_note(request):
    """Publish a wanted note for a category (and resource language) straight from the matrix,
    then open it so the curator can add a message."""
    require(request.user, CURATION_PERMISSION)
    from library.models import CategoryPage
    from library.services import default_locale

    category = get_object_or_404(
        CategoryPage, pk=request.POST.get("category"), locale=default_locale()
    )
    language = request.POST.get("language", "")
    if language and language not in dict(vocabularies.language_choices()):
        language = ""
    note, created = WantedNote.objects.get_or_create(
        category=category, resource_language=language, active=True
    )
    if created:
        messages.success(
            request,
            _("The category page now asks readers for resources: “%(category)s”.")
            % {"category": category.title},
        )
    return redirect(AdminURLFinder(request.user).get_edit_url(note) or "curation_gaps")
