from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathsConfig(AppConfig):
    name = "paths"
    verbose_name = _("Learning paths")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import category_listing, member_data

        category_listing.register()
        member_data.register()
