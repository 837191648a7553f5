"""A list of vocabulary codes stored as JSON, edited as a multiple choice in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeListField(models.JSONField):
    """A JSON list of codes drawn from `code_choices` (a callable returning (code, label) pairs).

    JSON keeps the column portable between SQLite (make run) and PostgreSQL; filtering and
    faceting on these values is the search gateway's job, not the ORM's.
    """

    def __init__(self, *args, code_choices=None, **kwargs):
        self.code_choices = code_choices
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["code_choices"] = self.code_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list of codes."), code="invalid")
        known = {code for code, _label in self.code_choices()}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(codes)s"),
                code="invalid_choice",
                params={"codes": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.code_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
