"""The "Classify" bulk action in the admin's page listings (resources only)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from library import vocabularies

from . import bulk_editing
from .views.base import CURATION_PERMISSION, require


def _category_choices():
    from library.models import CategoryPage
    from library.services import default_locale

    return [
        (str(c.pk), c.title)
        for c in CategoryPage.objects.filter(locale=default_locale()).order_by("title")
    ]


class ClassifyForm(forms.Form):
    """One change: which field, set or remove, and the value (from that field's vocabulary)."""

    field = forms.ChoiceField(
        label=_("Field"),
        choices=[
            ("category", _("Category")),
            ("license", _("Licence")),
            ("region", _("Region")),
            ("media_format", _("Format")),
        ],
    )
    operation = forms.ChoiceField(
        label=_("Change"), choices=[("set", _("Set or add")), ("remove", _("Remove"))]
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    license = forms.ChoiceField(label=_("Licence"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    media_format = forms.ChoiceField(label=_("Format"), required=False)
    # PageBulkAction's base form field; classification never reaches child pages.
    include_descendants = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["category"].choices = blank + _category_choices()
        self.fields["license"].choices = blank + vocabularies.licence_choices()
        self.fields["region"].choices = blank + vocabularies.region_choices()
        self.fields["media_format"].choices = blank + vocabularies.format_choices()

    def clean(self):
        cleaned = super().clean()
        field = cleaned.get("field")
        if field and not cleaned.get(field):
            self.add_error(field, _("Choose the value to set or remove."))
        return cleaned

    def change(self):
        """(field, operation, value) with categories as CategoryPage objects."""
        field = self.cleaned_data["field"]
        value = self.cleaned_data[field]
        if field == "category":
            from library.models import CategoryPage

            value = CategoryPage.objects.get(pk=value)
        return field, self.cleaned_data["operation"], value


class ClassifyBulkAction(PageBulkAction):
    display_name = _("Classify")
    action_type = "classify"
    aria_label = _("Set or remove a category, licence, region or format")
    template_name = "curation/bulk_classify.html"
    action_priority = 60
    form_class = ClassifyForm

    def dispatch(self, request, *args, **kwargs):
        # Classifying publishes every translation at once: a curators' tool, not an editor's.
        require(request.user, CURATION_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, page):
        from library.models import ResourcePage

        return issubclass(page.specific_class or object, ResourcePage) and (
            bulk_editing.may_publish_work(self.request.user, page.translation_key)
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "change": self.cleaned_form.change()}

    @classmethod
    def execute_action(cls, objects, change=None, user=None, **kwargs):
        field, operation, value = change
        return bulk_editing.apply_classification(objects, field, operation, value, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d resource reclassified.",
            "%(count)d resources reclassified.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
