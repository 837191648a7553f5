from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and standard pages")

    def ready(self):
        # Publishing anywhere (a web worker, a task worker, a command) makes every process
        # forget the cached pages, menus, footers and counts that showed the old content.
        from tasharuk import invalidation

        invalidation.connect()
