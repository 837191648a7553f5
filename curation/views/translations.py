"""Translators' screens: the translation status report, PO batch export and import."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from .. import po_batches, translation_status
from .base import TRANSLATION_PERMISSION, CurationView

MAX_BATCH_UPLOAD = 20 * 1024 * 1024


class StatusFilterForm(forms.Form):
    direction = forms.ChoiceField(label=gettext_lazy("Direction"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Page type"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args, **kwargs):
        from library.models import CategoryPage
        from library.services import default_locale

        super().__init__(*args, **kwargs)
        self.directions = translation_status.directions()
        self.fields["direction"].choices = [
            (code, translation_status.direction_label(a, b)) for code, a, b in self.directions
        ]
        self.fields["kind"].choices = [("", _("All"))] + [
            (kind, label) for kind, (_a, _m, label) in translation_status.PAGE_TYPES.items()
        ]
        self.categories = {
            str(c.pk): c
            for c in CategoryPage.objects.filter(locale=default_locale()).order_by("title")
        }
        self.fields["category"].choices = [("", _("All"))] + [
            (pk, c.title) for pk, c in self.categories.items()
        ]
        self.fields["status"].choices = [("", _("Needs work"))] + list(
            translation_status.STATUS_LABELS.items()
        )

    def selection(self):
        """(source locale, target locale, kinds, category, statuses) from valid input."""
        data = self.cleaned_data if self.is_valid() else {}
        direction = next(
            (d for d in self.directions if d[0] == data.get("direction")), self.directions[0]
        )
        kind = data.get("kind")
        status = data.get("status")
        statuses = (
            [status]
            if status
            else [
                translation_status.MISSING,
                translation_status.STALE,
                translation_status.INCOMPLETE,
            ]
        )
        return (
            direction[1],
            direction[2],
            [kind] if kind else None,
            self.categories.get(data.get("category") or ""),
            statuses,
        )


class ImportForm(forms.Form):
    batch = forms.FileField(
        label=gettext_lazy("PO file or ZIP of PO files"),
        help_text=gettext_lazy("As exported from this page, with the translations filled in."),
    )

    def clean_batch(self):
        upload = self.cleaned_data["batch"]
        if upload.size > MAX_BATCH_UPLOAD:
            raise forms.ValidationError(_("The upload is too large (at most 20 MB)."))
        if not upload.name.lower().endswith((".po", ".zip")):
            raise forms.ValidationError(_("Upload a .po file or a .zip of .po files."))
        return upload


class TranslationStatusView(CurationView):
    template_name = "curation/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    permission = TRANSLATION_PERMISSION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = StatusFilterForm(self.request.GET or None)
        source_locale, target_locale, kinds, category, statuses = form.selection()
        rows = translation_status.status_rows(
            source_locale, target_locale, kinds, category, statuses
        )
        finder = AdminURLFinder(self.request.user)
        for row in rows:
            row.action_url = self.action_url(row, finder)
        context.update(
            filter_form=form,
            rows=rows[:500],
            row_count=len(rows),
            target_locale=target_locale,
            import_form=kwargs.get("import_form") or ImportForm(),
            import_reports=kwargs.get("import_reports"),
            import_problems=kwargs.get("import_problems"),
        )
        return context

    @staticmethod
    def action_url(row, finder):
        """One click into the right editor: start a translation, sync a stale one, or open the
        translation editor."""
        if row.status == translation_status.MISSING:
            return reverse("wagtail_localize:submit_page_translation", args=[row.page.pk])
        if row.status == translation_status.STALE and row.source is not None:
            return reverse("wagtail_localize:update_translations", args=[row.source.pk])
        return finder.get_edit_url(row.target) if row.target else ""

    def post(self, request, *args, **kwargs):
        if "export" in request.POST:
            return self.export(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(import_form=form))
        upload = form.cleaned_data["batch"]
        try:
            files = po_batches.read_upload(upload.name, upload.read())
            reports = po_batches.import_batch(files, user=request.user)
        except po_batches.BatchRejected as rejected:
            return self.render_to_response(
                self.get_context_data(import_form=form, import_problems=rejected.problems)
            )
        return self.render_to_response(self.get_context_data(import_reports=reports))

    def export(self, request):
        form = StatusFilterForm(request.POST)
        source_locale, target_locale, *_rest = form.selection()
        ids = [pk for pk in request.POST.getlist("selected") if pk.isdigit()][:500]
        selected = [
            page.specific
            for page in Page.objects.filter(pk__in=ids, locale=source_locale).order_by("title")
        ]
        pages = po_batches.exportable_pages(selected, target_locale, request.user)
        if not pages:
            if selected:  # every selected page was a draft or beyond the user's permissions
                messages.error(
                    request,
                    _("Select at least one published page whose translation you may edit."),
                )
            else:
                messages.error(request, _("Select at least one page to export."))
            return redirect(request.get_full_path())
        data = po_batches.export_batch(pages, target_locale)
        response = HttpResponse(data, content_type="application/zip")
        name = f"tasharuk-{source_locale.language_code}-{target_locale.language_code}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
