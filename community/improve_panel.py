"""The “Improve this resource” panel of a resource page: suggest a correction, report a
problem, help translate. Hooked into the library's page through library.resource_extensions."""

from wagtail.models import Locale

from . import problem_reports, volunteer_translations

PANEL_TEMPLATE = "community/suggestions/improve_panel.html"


def panel_context(context, page):
    request = context["request"]
    user = request.user
    needs = volunteer_translations.translation_needs(page.translation_key)
    names = {locale.language_code: locale.get_display_name() for locale in Locale.objects.all()}
    return {
        "request": request,
        "user": user,
        "page": page,
        "help_translate": [(code, names.get(code, code)) for code in needs],
        "open_report": problem_reports.open_report(user, page.translation_key)
        if user.is_authenticated
        else None,
    }


def render_panel(context, page):
    template = context.template.engine.get_template(PANEL_TEMPLATE)
    return template.render(context.new(panel_context(context, page)))


def register():
    from library import resource_extensions

    resource_extensions.add_panel(render_panel)
