"""Forms participants and mentors fill in: enrolment, a week's assessment, posts, reviews."""

import babel
import pycountry
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import POST_MAX_LENGTH

ANSWER_MAX_LENGTH = 4000


def country_choices():
    """Every ISO 3166 country, named in the reader's language (names from CLDR via babel)."""
    names = babel.Locale.parse(get_language() or "en").territories
    countries = sorted(
        ((c.alpha_2, names.get(c.alpha_2, c.name)) for c in pycountry.countries),
        key=lambda item: item[1],
    )
    return [("", _("I prefer not to say"))] + countries


class EnrolmentForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Name on your certificate and in discussions"),
        max_length=80,
        required=False,
        help_text=_(
            "Any name you like. Leave empty to appear as “Participant” with a number. "
            "Your username is never shown unless you type it here."
        ),
    )
    country = forms.ChoiceField(
        label=_("Country (optional)"),
        required=False,
        help_text=_("Only counted, never shown next to your name. Off unless you choose one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class AssessmentForm(forms.Form):
    """One field per question, named by the question's block id (stable across translations)."""

    def __init__(self, week, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # questions end with their own question mark
        super().__init__(*args, **kwargs)
        self.week = week
        for block_id, kind, value in week.questions():
            if kind == "choice":
                self.fields[block_id] = forms.TypedMultipleChoiceField(
                    label=value["question"],
                    choices=[(i, choice["text"]) for i, choice in enumerate(value["choices"])],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"required": _("Choose at least one answer.")},
                )
            else:
                self.fields[block_id] = forms.CharField(
                    label=value["question"],
                    max_length=ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"required": _("Write an answer to this question.")},
                )

    def answers(self):
        return dict(self.cleaned_data)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a message first.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("pass", _("Passed")), ("fail", _("Not passed yet: try again"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the participant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LetThroughForm(forms.Form):
    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    week = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Why"), required=False, max_length=2000)
