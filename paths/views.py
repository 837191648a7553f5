"""Ticking a step done: a plain form POST that redirects back to the path, so it works without
JavaScript. Signed-out visitors are sent to sign in and come back to the path."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library.visibility import restrictions_through_translations

from . import services
from .models import LearningPathPage


def _readable_path(request, page_id):
    """A live path the reader may read: every view restriction on it or above, or on one of
    its translations (library's rule: one restriction guards the work in both languages),
    accepts the request, as the page itself would (a private path's steps stay private)."""
    path = get_object_or_404(LearningPathPage.objects.live(), pk=page_id)
    restrictions = [*path.get_view_restrictions(), *restrictions_through_translations(path)]
    for restriction in restrictions:
        if not restriction.accept_request(request):
            raise Http404
    return path


@login_required
@require_POST
def tick_step(request, page_id, step):
    path = _readable_path(request, page_id)
    done = request.POST.get("done") != "0"
    try:
        services.set_step_done(request.user, path, step, done)
    except services.StepNotFound:
        messages.error(request, _("This step is no longer part of the path."))
        return redirect(path.url)
    return redirect(f"{path.url}#step-{step}")
