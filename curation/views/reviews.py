"""The curators' review queue: resources not reviewed within a chosen time."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder

from library.models import ResourcePage

from .. import bulk_editing, reviews
from .base import CurationView


class QueueForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Not reviewed for (days)"), min_value=1, max_value=3650, required=False
    )


class ReviewQueueView(CurationView):
    template_name = "curation/review_queue.html"
    page_title = gettext_lazy("Review queue")
    header_icon = "calendar-alt"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = QueueForm(self.request.GET or None)
        days = (
            form.cleaned_data.get("days") if form.is_valid() else None
        ) or settings.TASHARUK_CURATION["REVIEW_AFTER_DAYS"]
        queue = reviews.review_queue(days)
        finder = AdminURLFinder(self.request.user)
        pages = list(queue[:200])
        context.update(
            form=form,
            days=days,
            total=queue.count(),
            rows=[{"page": page, "edit_url": finder.get_edit_url(page)} for page in pages],
        )
        return context

    def post(self, request, *args, **kwargs):
        keys = ResourcePage.objects.filter(
            pk__in=[pk for pk in request.POST.getlist("selected") if pk.isdigit()]
        ).values_list("translation_key", flat=True)
        count = bulk_editing.mark_reviewed(list(keys), timezone.localdate(), user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d resource marked as reviewed today.",
                "%(count)d resources marked as reviewed today.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())
