"""What other apps add to a resource page, without the catalogue knowing them: a registry they
fill in their AppConfig.ready(), rendered by `{% resource_page_head %}` and
`{% resource_page_panels page %}` (library_tags). With nothing registered, both render nothing.

    from library import resource_extensions
    resource_extensions.add_head_template("myapp/includes/assets.html")
    resource_extensions.add_panel(render_my_panel)  # callable(context, page) -> safe HTML
"""

_head_templates = []
_panels = []


def add_head_template(name):
    """Render template `name` in the resource page's <head>, with the page's context."""
    if name not in _head_templates:
        _head_templates.append(name)


def add_panel(render):
    """Render `render(context, page)` (safe HTML) after the resource, in registration order."""
    if render not in _panels:
        _panels.append(render)


def head_templates():
    return list(_head_templates)


def panels():
    return list(_panels)
