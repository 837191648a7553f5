"""The learning paths the home page shows. A template tag rather than a call from home/: paths
build on home (their index lives under the home page), so home must not import paths."""

from django import template
from wagtail.models import Locale

from ..services import path_index, paths_of_locale

register = template.Library()

HOME_PATH_COUNT = 4


@register.inclusion_tag("paths/includes/home_paths.html")
def path_highlights():
    """The first listed paths of the active language (curators order them in the page tree)."""
    locale = Locale.get_active()
    return {"paths": paths_of_locale(locale, HOME_PATH_COUNT), "index": path_index(locale)}
