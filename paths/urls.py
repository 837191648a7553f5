"""Learning paths under /en/ and /ar/: ticking steps done (the pages themselves are Wagtail's)."""

from django.urls import path

from . import views

urlpatterns = [
    path("paths/<int:page_id>/steps/<uuid:step>/", views.tick_step, name="paths_tick_step"),
]
