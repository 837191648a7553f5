"""The feedback form: anyone may write, signed in or not; curators read it in the admin."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tasharuk.ratelimit import rate_limited

from ..forms import FeedbackForm


@rate_limited("feedback")
def feedback(request):
    initial = {"page_url": request.GET.get("from", "")[:500]}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        message.language = get_language()
        message.member = request.user if request.user.is_authenticated else None
        message.save()
        messages.success(request, _("Thank you for your feedback. Curators read every message."))
        return redirect("home_feedback")
    return render(request, "community/feedback.html", {"form": form})
