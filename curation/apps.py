from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    """Admin reports and tools for curators and translators; the catalogue stays in library/."""

    name = "curation"
    verbose_name = _("Curation")

    def ready(self):
        from . import link_health, public_notices, spreadsheets

        link_health.connect()
        public_notices.register()
        spreadsheets.neutralise_admin_exports()
