"""The planner's forms. Durations are plain integers here so that a negative one reaches the
planner's rule and gets its clear message, instead of the browser's generic one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agenda, AgendaItem


class AgendaForm(forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["title", "language", "starts_at", "show_author"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.KINDS, initial="session")
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, widget=forms.TextInput({"dir": "auto"})
    )
    minutes = forms.IntegerField(label=_("Duration in minutes"), max_value=100000)
    notes = forms.CharField(
        label=_("Notes"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        kind = self.cleaned_data.get("kind", getattr(self, "item_kind", None))
        if kind == AgendaItem.SESSION and not title:
            raise forms.ValidationError(_("A session needs a title."))
        return title


class ItemEditForm(ItemForm):
    """Editing keeps the item's kind: a session stays a session."""

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("kind")
        self.item_kind = kind
