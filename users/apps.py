from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = _("Members")

    def ready(self):
        from . import data_export, housekeeping, signals, signed_in_pages  # noqa: F401 — receivers
