from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    # Kept counts follow publication and view restrictions through tasharuk.invalidation's
    # generations (PageViewRestriction is in TASHARUK_PUBLIC_CACHE["CLEARED_BY"]).
    name = "library"
    verbose_name = _("Library")
