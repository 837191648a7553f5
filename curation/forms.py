"""Forms of curation's admin screens: report periods, PO uploads, review settings."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PERIOD_DAYS = 366


class PeriodForm(forms.Form):
    """A period of days (inclusive) for the zero-result searches; the last 30 days by default."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def from_query(cls, data):
        today = timezone.localdate()
        initial = {"start": today - timedelta(days=29), "end": today}
        form = cls(data) if "start" in data or "end" in data else cls(initial)
        form.defaults = initial
        return form

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period is before its start."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Choose a period of at most one year."))
        return cleaned

    def period(self):
        """(start, end) when valid, otherwise the default period."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.defaults["start"], self.defaults["end"]
