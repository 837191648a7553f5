"""Where the warning is hooked into the catalogue's own templates (through
library.resource_extensions, so the catalogue need not know this app), and the signals that
keep the index and the caches current when a status is set."""

from django.db.models.signals import post_delete, post_save


def render_page_warning(context, page):
    template = context.template.engine.get_template("safety/tool_warning.html")
    from .templatetags.tool_warnings import tool_warning

    return template.render(context.new(tool_warning(page)))


def render_card_warning(context, page):
    template = context.template.engine.get_template("safety/tool_warning.html")
    from .templatetags.tool_warnings import tool_warning

    return template.render(context.new(tool_warning(page, compact=True)))


def _status_saved(sender, instance, **kwargs):
    from .statuses import status_changed

    status_changed(instance)


def _current_statuses():
    from .statuses import current_warnings

    return {key: warning["status"] for key, warning in current_warnings()["by_key"].items()}


def register():
    from community import digests
    from library import resource_extensions
    from search import warnings as search_warnings

    from .member_notices import digest_notices
    from .models import ToolStatus

    resource_extensions.add_notice(render_page_warning, first=True)
    resource_extensions.add_card_notice(render_card_warning)
    digests.add_notice_source(digest_notices)
    search_warnings.set_source(_current_statuses)
    for signal in (post_save, post_delete):
        signal.connect(_status_saved, sender=ToolStatus, dispatch_uid=f"safety-{id(signal)}")
