from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and standard pages")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import FooterText
        from .templatetags.navigation_tags import forget_site_chrome

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_site_chrome, dispatch_uid=f"site-chrome-{id(signal)}")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_site_chrome, sender=FooterText, dispatch_uid=f"site-chrome-{id(signal)}"
            )
            # A view restriction takes its page out of the menu (library.visibility).
            signal.connect(
                forget_site_chrome,
                sender=PageViewRestriction,
                dispatch_uid=f"site-chrome-restriction-{id(signal)}",
            )
