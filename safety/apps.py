from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    """Tool warnings: curators' dated, bilingual status of a resource (unsafe, unmaintained,
    blocked in some countries) shown wherever the resource appears. It builds on library/ and
    community/; nothing imports it, templates load its tag."""

    name = "safety"
    verbose_name = _("Tool warnings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import page_notices

        page_notices.register()
