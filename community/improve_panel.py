"""The “Improve this resource” panel of a resource page: suggest a correction, report a
problem, help translate. Hooked into the library's page through library.resource_extensions."""

from wagtail.models import Locale

from tasharuk import invalidation

from . import problem_reports, volunteer_translations

PANEL_TEMPLATE = "community/suggestions/improve_panel.html"


def panel_context(context, page):
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "user": user,
        "page": page,
        # Only publishing changes what a resource lacks in each language.
        "help_translate": invalidation.kept_for_live_page(
            request,
            page,
            "help-translate",
            lambda: help_translate(page.translation_key),
            name=invalidation.PUBLICATION,
        ),
        "open_report": problem_reports.open_report(user, page.translation_key)
        if user.is_authenticated
        else None,
    }


def help_translate(translation_key):
    """[(language code, its name)] of the languages a member may help translate the resource
    into (volunteer_translations.translation_needs)."""
    needs = volunteer_translations.translation_needs(translation_key)
    names = {locale.language_code: locale.get_display_name() for locale in Locale.objects.all()}
    return [(code, names.get(code, code)) for code in needs]


def render_panel(context, page):
    template = context.template.engine.get_template(PANEL_TEMPLATE)
    return template.render(context.new(panel_context(context, page)))


def register():
    from library import resource_extensions

    resource_extensions.add_panel(render_panel)
