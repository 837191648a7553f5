"""Members' forms: submitting a resource, commenting, collections, feedback."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from library import vocabularies
from library.models import CategoryPage
from library.resource_urls import MAX_URL_LENGTH, validate_resource_url

from .models import Collection, CollectionItem, Comment, FeedbackMessage

LANGUAGE_CHOICES = [("en", _("English")), ("ar", _("Arabic"))]


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.localized.title


def resource_languages_field():
    """The languages a resource is available in, as the submission and suggestion forms ask."""
    return forms.MultipleChoiceField(
        label=_("Languages of the resource"),
        choices=vocabularies.language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


def resource_regions_field():
    """The regions a resource serves, as the submission and suggestion forms ask."""
    return forms.MultipleChoiceField(
        label=_("Regions"),
        choices=vocabularies.region_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class SubmitResourceForm(forms.Form):
    url = forms.CharField(
        label=_("Web address (URL)"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_resource_url],
        widget=forms.URLInput(attrs={"inputmode": "url", "dir": "ltr", "autocomplete": "off"}),
    )
    primary_language = forms.ChoiceField(
        label=_("Main language of your description"),
        choices=LANGUAGE_CHOICES,
        help_text=_("The resource page is created in this language; the other is optional."),
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=255, required=False)
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
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    summary_ar = forms.CharField(
        label=_("Summary in Arabic"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    categories = CategoryChoiceField(
        label=_("Categories"),
        queryset=CategoryPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    media_format = forms.ChoiceField(label=_("Format"), choices=vocabularies.format_choices)
    languages = resource_languages_field()
    regions = resource_regions_field()
    license = forms.ChoiceField(
        label=_("Licence"),
        choices=vocabularies.licence_choices,
        initial="LicenseRef-Unknown",
        help_text=_(
            "Creative Commons licences let everyone share and adapt a work while crediting its "
            "authors. If the resource says it is under a CC licence, choose it here; if you "
            "are its author, please consider CC BY 4.0."
        ),
    )
    author = forms.CharField(label=_("Author or creator"), max_length=255, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    not_a_duplicate = forms.BooleanField(
        label=_("I checked the similar resources listed above: mine is a different one."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = CategoryPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("path")

    def clean(self):
        data = super().clean()
        language = data.get("primary_language")
        if language and not data.get(f"title_{language}", "").strip():
            self.add_error(f"title_{language}", _("A title in the main language is required."))
        return data


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Plain text. Links become clickable.")}


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it? (optional)"), max_length=500, required=False
    )


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["name", "description", "is_public"]


class ItemNoteForm(forms.ModelForm):
    class Meta:
        model = CollectionItem
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class FeedbackForm(forms.ModelForm):
    """The form behind the “Feedback” tab."""

    # Where the visitor was; filled from ?from= and sent back unchanged.
    page_url = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    class Meta:
        model = FeedbackMessage
        fields = ["message", "contact", "page_url"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
