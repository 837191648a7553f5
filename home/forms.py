"""The feedback form behind the “Feedback” tab."""

from django import forms

from .models import FeedbackMessage


class FeedbackForm(forms.ModelForm):
    # Where the visitor was; filled from ?from= and sent back unchanged.
    page_url = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    class Meta:
        model = FeedbackMessage
        fields = ["message", "contact", "page_url"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
