from django.urls import path

from . import views

urlpatterns = [
    path(
        "my/tool-warnings/<int:status_id>/dismiss/",
        views.dismiss_notice,
        name="safety_dismiss_notice",
    ),
]
