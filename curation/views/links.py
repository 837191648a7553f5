"""The link-health report: broken, failing and redirected links, with curators' bulk actions."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder

from .. import link_health, tasks
from ..models import LinkHealth
from .base import CURATION_PERMISSION, CurationView, require

LANGUAGE_CODE = settings.LANGUAGE_CODE
REPORTED_STATES = [LinkHealth.BROKEN, LinkHealth.FAILING, LinkHealth.REDIRECTED]


def resources_by_key(keys):
    """{translation_key: the resource page curators should see}: the default-language page
    when there is one, otherwise the page of whichever locale the resource has."""
    from library.models import ResourcePage

    found = {}
    pages = ResourcePage.objects.filter(translation_key__in=keys).select_related("locale")
    for page in pages.order_by("id"):
        if page.translation_key not in found or page.locale.language_code == LANGUAGE_CODE:
            found[page.translation_key] = page
    return found


class LinkReportView(CurationView):
    template_name = "curation/link_report.html"
    page_title = gettext_lazy("Link health")
    header_icon = "link"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state")
        states = [state] if state in dict(LinkHealth.STATE_CHOICES) else REPORTED_STATES
        healths = list(
            LinkHealth.objects.filter(state__in=states).order_by("state", "-consecutive_failures")[
                :500
            ]
        )
        pages = resources_by_key([h.translation_key for h in healths])
        finder = AdminURLFinder(self.request.user)
        context.update(
            rows=[
                {
                    "health": health,
                    "page": pages.get(health.translation_key),
                    "edit_url": finder.get_edit_url(pages[health.translation_key])
                    if health.translation_key in pages
                    else "",
                    "history": list(health.checks.all()[:5]),
                }
                for health in healths
            ],
            state=state or "",
            states=[
                (code, label, LinkHealth.objects.filter(state=code).count())
                for code, label in LinkHealth.STATE_CHOICES
            ],
        )
        return context


@require_POST
def link_action(request):
    """Accept redirects, retire links or re-check them, for the selected rows."""
    require(request.user, CURATION_PERMISSION)
    action = request.POST.get("action")
    healths = list(LinkHealth.objects.filter(pk__in=request.POST.getlist("selected")[:500]))
    if not healths:
        messages.error(request, _("Select at least one link first."))
        return redirect("curation_links")
    if action == "accept_redirect":
        done = 0
        for health in healths:
            error = link_health.accept_redirect(health, user=request.user)
            if error:
                messages.error(request, f"{health.url}: {error}")
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d source URL now points where its link redirected.",
                    "%(count)d source URLs now point where their links redirected.",
                    done,
                )
                % {"count": done},
            )
    elif action == "retire":
        for health in healths:
            link_health.retire(health)
        messages.success(
            request,
            ngettext(
                "%(count)d link retired: readers are offered the archived copy.",
                "%(count)d links retired: readers are offered the archived copy.",
                len(healths),
            )
            % {"count": len(healths)},
        )
    elif action == "recheck":
        tasks.check_links.enqueue(
            translation_keys=[str(h.translation_key) for h in healths], force=True
        )
        messages.success(request, _("The selected links are being checked again."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("curation_links")


@require_POST
def run_link_check(request):
    """Queue a check of every link that is due (immediately run in development)."""
    require(request.user, CURATION_PERMISSION)
    tasks.check_links.enqueue()
    messages.success(request, _("Link check started. Results appear here as links are checked."))
    return redirect("curation_links")
