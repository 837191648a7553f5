"""Rating a resource (or withdrawing the rating)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import rate_limited

from .. import ratings
from .base import back, resource_or_404


@login_required
@require_POST
@rate_limited("rate")
def rate(request, key):
    page = resource_or_404(key)
    if "remove" in request.POST:
        ratings.remove_rating(request.user, key)
        messages.success(request, _("Your rating was removed."))
        return back(request, page.url)
    try:
        stars = int(request.POST.get("stars", ""))
        ratings.rate_resource(request.user, key, stars)
    except (ValueError, ValidationError):
        return HttpResponseBadRequest(_("A rating is a whole number of stars from 1 to 5."))
    messages.success(request, _("Thank you for rating this resource."))
    return back(request, page.url)
