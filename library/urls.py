"""The catalogue's own addresses under /<lang>/ (before Wagtail's pages): publishers, authors."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "publishers/<str:slug>/",
        views.creator_page,
        {"role": "publisher"},
        name="library_publisher",
    ),
    path("authors/<str:slug>/", views.creator_page, {"role": "author"}, name="library_author"),
]
