"""Account URLs under /<lang>/accounts/: allauth's login paths plus the member's own screens."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("2fa/authenticate/", views.second_factor_step, name="users_second_factor"),
    path("2fa/setup/", views.two_factor_setup, name="users_two_factor_setup"),
    path("2fa/backup-codes/", views.backup_codes_regenerate, name="users_backup_codes"),
    path("2fa/remove/", views.two_factor_remove, name="users_two_factor_remove"),
    path("me/", views.account_overview, name="users_account"),
    path("signed-out/", views.signed_out, name="users_signed_out"),
    path("me/sessions/", views.open_sessions, name="users_sessions"),
    path("me/profile/", views.profile, name="users_profile"),
    path("me/data/", views.download_data, name="users_download_data"),
    path("me/delete/", views.delete_account, name="users_delete_account"),
    path("", include("allauth.urls")),
]
