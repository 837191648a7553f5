"""What every curation admin screen shares: the permission check and the admin furniture."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

CURATION_PERMISSION = "curation.use_curation_tools"
TRANSLATION_PERMISSION = "curation.use_translation_tools"


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


class CurationView(WagtailAdminTemplateMixin, TemplateView):
    """An admin screen under Reports, open to holders of `permission` (and superusers)."""

    permission = CURATION_PERMISSION
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
        {"url": "", "label": _("Reports")},
    ]

    def dispatch(self, request, *args, **kwargs):
        require(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rtl"] = get_language_bidi()
        return context
