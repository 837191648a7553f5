"""Home URLs under /<lang>/ (before Wagtail's catch-all)."""

from django.urls import path

from . import views

urlpatterns = [path("feedback/", views.feedback, name="home_feedback")]
