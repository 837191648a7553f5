"""What other apps add to catalogue pages, without the catalogue knowing them: a registry they
fill in their AppConfig.ready(), rendered by library_tags. With nothing registered, every slot
renders nothing.

    from library import resource_extensions
    resource_extensions.add_head_template("myapp/includes/assets.html")
    resource_extensions.add_panel(render_my_panel)  # callable(context, page) -> safe HTML
    resource_extensions.add_notice(render_notice)  # under a resource's header
    resource_extensions.add_category_notice(render_note)  # under a category page's intro
    resource_extensions.add_card_notice(render_card_note)  # inside every resource card

Slots: `{% resource_page_head %}`, `{% resource_page_notices page %}`,
`{% resource_page_panels page %}`, `{% category_page_notices page %}`,
`{% resource_card_notices resource %}`.
"""

_head_templates = []
_slots = {"panels": [], "notices": [], "category_notices": [], "card_notices": []}


def add_head_template(name):
    """Render template `name` in the resource page's <head>, with the page's context."""
    if name not in _head_templates:
        _head_templates.append(name)


def _add(slot, render, first=False):
    if render not in _slots[slot]:
        if first:
            _slots[slot].insert(0, render)
        else:
            _slots[slot].append(render)


def add_panel(render):
    """Render `render(context, page)` (safe HTML) after the resource, in registration order."""
    _add("panels", render)


def add_notice(render, first=False):
    """Render `render(context, page)` (safe HTML) under the resource's header (before the
    others when `first`: a safety warning goes above a broken link's notice)."""
    _add("notices", render, first)


def add_card_notice(render):
    """Render `render(context, page)` (safe HTML) inside every resource card."""
    _add("card_notices", render)


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
