"""The learning paths shown under a category page's introduction (through the catalogue's
extension slot, so the catalogue does not know about paths)."""

from django.template.loader import render_to_string


def render_category_paths(context, page):
    from .services import paths_in_category

    paths = paths_in_category(page)
    if not paths:
        return ""
    return render_to_string(
        "paths/includes/category_paths.html", {"paths": paths}, context.get("request")
    )


def register():
    from library import resource_extensions

    resource_extensions.add_category_notice(render_category_paths)
