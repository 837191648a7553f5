"""Members' forms for improving a resource: suggesting a correction, reporting a problem,
translating a title or summary."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from library import services, session_metadata, vocabularies
from library.models import CategoryPage
from library.resource_urls import MAX_URL_LENGTH, validate_resource_url

from .forms import CategoryChoiceField, resource_languages_field, resource_regions_field
from .models import ProblemReport

UNKNOWN_LICENCE = "LicenseRef-Unknown"


def _url_widget():
    return forms.URLInput(attrs={"inputmode": "url", "dir": "ltr", "autocomplete": "off"})


class SuggestionForm(forms.Form):
    """Prefilled with the resource's published metadata; only what the member changes is kept."""

    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
    )
    title_ar = forms.CharField(
        label=_("Title in Arabic"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    summary_en = forms.CharField(
        label=_("Summary in English"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en", "dir": "ltr"}),
    )
    summary_ar = forms.CharField(
        label=_("Summary in Arabic"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    source_url = forms.CharField(
        label=_("Web address (URL)"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_resource_url],
        help_text=_("Change it if the resource moved to a new address."),
        widget=_url_widget(),
    )
    license = forms.ChoiceField(label=_("Licence"), choices=vocabularies.licence_choices)
    license_evidence = forms.CharField(
        label=_("Where the licence is stated"),
        max_length=MAX_URL_LENGTH,
        required=False,
        validators=[validate_resource_url],
        help_text=_(
            "The address of the publisher’s page that states the licence. Needed when you "
            "change the licence."
        ),
        widget=_url_widget(),
    )
    media_format = forms.ChoiceField(label=_("Format"), choices=vocabularies.format_choices)
    categories = CategoryChoiceField(
        label=_("Categories"),
        queryset=CategoryPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        to_field_name="slug",
    )
    languages = resource_languages_field()
    regions = resource_regions_field()
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("Not stated")), *session_metadata.level_choices()],
        required=False,
    )
    time_minutes = forms.IntegerField(
        label=_("Time needed (minutes)"),
        min_value=1,
        max_value=session_metadata.MAX_MINUTES,
        required=False,
        help_text=_("Only what the resource itself says, e.g. a course of two hours is 120."),
    )
    audience = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=session_metadata.audience_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why? (a short reason for the curators)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, resource=None, opened_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.opened_values = opened_values or {}
        self.fields["categories"].queryset = CategoryPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("path")

    def clean_source_url(self):
        url = self.cleaned_data["source_url"].strip()
        if self.resource is not None and url != self.opened_values.get("source_url"):
            duplicate = services.find_duplicate(
                url, self.resource.locale_id, self.resource.translation_key
            )
            if duplicate is not None:
                raise forms.ValidationError(
                    _("This address belongs to another resource: “%(title)s”."),
                    params={"title": duplicate.title},
                )
        return url

    def clean(self):
        data = super().clean()
        licence = data.get("license")
        evidence = (data.get("license_evidence") or "").strip()
        if "license" in self.errors or "license_evidence" in self.errors:
            return data
        if evidence and licence == UNKNOWN_LICENCE:
            self.add_error("license", _("Choose the licence that the evidence page states."))
        licence_changed = licence != self.opened_values.get("license")
        if licence_changed and licence != UNKNOWN_LICENCE and not evidence:
            self.add_error(
                "license_evidence",
                _("Give the address of the page where the publisher states this licence."),
            )
        if not (data.get("title_en") or "").strip() and not (data.get("title_ar") or "").strip():
            self.add_error("title_en", _("A resource needs a title in at least one language."))
        return data


class ProblemReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=ProblemReport.KIND_CHOICES,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("For an unsafe tool, say what you know and where you read it."),
    )


class VolunteerTranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, language="ar", needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language == "ar" else "ltr"
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": direction})
        for name in list(self.fields):
            if name not in needs:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if not any((value or "").strip() for value in data.values()):
            raise forms.ValidationError(_("Write the translation first."))
        return data
