"""What curation shows on public catalogue pages (a broken link's notice with its archived copy,
a category's "wanted" notes), hooked in through library.resource_extensions when the app is
ready, so the catalogue's templates need not know this app."""

from .templatetags.curation_tags import link_health_notice, wanted_notes


def _render(context, template_name, values):
    template = context.template.engine.get_template(template_name)
    return template.render(context.new(values))


def render_link_notice(context, page):
    return _render(context, "curation/includes/link_notice.html", link_health_notice(page))


def render_wanted_notes(context, page):
    return _render(context, "curation/includes/wanted_notes.html", wanted_notes(page))


def register():
    from library import resource_extensions

    resource_extensions.add_notice(render_link_notice)
    resource_extensions.add_category_notice(render_wanted_notes)
