from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """What members do with the catalogue: submissions, ratings, comments, collections, short
    links, feedback. It builds on library/; library/ knows nothing of it."""

    name = "community"
    verbose_name = _("Members")

    def ready(self):
        from . import (
            featured,
            improve_panel,
            member_data,
            ratings,
            resource_page,
            sharing_member_data,
            submissions,
            suggestion_data,
            volunteer_translations,
        )

        submissions.connect()
        ratings.connect()
        member_data.register()
        resource_page.register()
        featured.register()
        sharing_member_data.register()
        volunteer_translations.connect()
        suggestion_data.register()
        improve_panel.register()
