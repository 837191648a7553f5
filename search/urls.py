"""The search page, mounted inside i18n_patterns (/en/search/, /ar/search/)."""

from django.urls import path

from . import views

urlpatterns = [path("search/", views.search_page, name="search")]
