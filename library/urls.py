"""Members' URLs under /<lang>/ (included before Wagtail's catch-all)."""

from django.urls import path

from . import views

urlpatterns = [
    path("submit/", views.submit, name="library_submit"),
    path("submit/fetch/", views.fetch_details, name="library_submit_fetch"),
    path("my/submissions/", views.my_submissions, name="library_my_submissions"),
    path("my/library/", views.my_library, name="library_my_library"),
    path("r/<uuid:key>/rate/", views.rate, name="library_rate"),
    path("r/<uuid:key>/comment/", views.comment, name="library_comment"),
    path("r/<uuid:key>/save/", views.save, name="library_save"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="library_comment_edit"),
    path("comments/<int:pk>/report/", views.report_comment, name="library_comment_report"),
    path("collections/<int:pk>/", views.collection_detail, name="library_collection"),
    path("collections/<int:pk>/edit/", views.collection_edit, name="library_collection_edit"),
    path("collections/items/<int:pk>/", views.item_action, name="library_collection_item"),
    path(
        "members/<str:username>/collections/",
        views.member_collections,
        name="library_member_collections",
    ),
]

# Outside i18n_patterns: /s/<code>, the language comes from the reader.
short_link_patterns = [path("s/<str:code>", views.short_link, name="short_link")]
