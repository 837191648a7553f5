"""What other apps add to catalogue pages, without the catalogue knowing them: a registry they
fill in their AppConfig.ready(), rendered by library_tags. With nothing registered, every slot
renders nothing.

    from library import resource_extensions
    resource_extensions.add_head_template("myapp/includes/assets.html")
    resource_extensions.add_panel(render_my_panel)  # callable(context, page) -> safe HTML
    resource_extensions.add_notice(render_notice)  # under a resource's header
    resource_extensions.add_category_notice(render_note)  # under a category page's intro

Slots: `{% resource_page_head %}`, `{% resource_page_notices page %}`,
`{% resource_page_panels page %}`, `{% category_page_notices page %}`.
"""

_head_templates = []
_slots = {"panels": [], "notices": [], "category_notices": []}


def add_head_template(name):
    """Render template `name` in the resource page's <head>, with the page's context."""
    if name not in _head_templates:
        _head_templates.append(name)


def _add(slot, render):
    if render not in _slots[slot]:
        _slots[slot].append(render)


def add_panel(render):
    """Render `render(context, page)` (safe HTML) after the resource, in registration order."""
    _add("panels", render)


def add_notice(render):
    """Render `render(context, page)` (safe HTML) under the resource's header."""
    _add("notices", render)


def add_category_notice(render):
    """Render `render(context, page)` (safe HTML) under a category page's introduction."""
    _add("category_notices", render)


def head_templates():
    return list(_head_templates)


def rendered(slot, context, page):
    """Every renderer of `slot`, run for `page`, joined in registration order."""
    return "".join(render(context, page) for render in _slots[slot])


def panels():
    return list(_slots["panels"])
