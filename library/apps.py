from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_unpublished

        from .services import forget_counts

        # Counts this process keeps must not go on counting a page that was just hidden
        # (library.visibility); other processes' copies expire within CATEGORY_COUNT_SECONDS.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_counts,
                sender=PageViewRestriction,
                dispatch_uid=f"library-counts-{id(signal)}",
            )
        page_unpublished.connect(forget_counts, dispatch_uid="library-counts-unpublished")
