"""Members' URLs under /<lang>/ (included before Wagtail's catch-all), and /s/<code>."""

from django.urls import path

from .urls_sharing import sharing_and_following_patterns
from .views import collections, comments, credit, feedback, ratings, shortlinks, submit, suggestions

urlpatterns = [
    path("submit/", submit.submit, name="community_submit"),
    path("submit/fetch/", submit.fetch_details, name="community_submit_fetch"),
    path("my/submissions/", submit.my_submissions, name="community_my_submissions"),
    path("my/library/", collections.my_library, name="community_my_library"),
    path("r/<uuid:key>/rate/", ratings.rate, name="community_rate"),
    path("r/<uuid:key>/comment/", comments.comment, name="community_comment"),
    path("r/<uuid:key>/save/", collections.save, name="community_save"),
    path("comments/<int:pk>/edit/", comments.edit_comment, name="community_comment_edit"),
    path("comments/<int:pk>/report/", comments.report_comment, name="community_comment_report"),
    path("collections/<int:pk>/", collections.collection_detail, name="community_collection"),
    path(
        "collections/<int:pk>/edit/", collections.collection_edit, name="community_collection_edit"
    ),
    path("collections/items/<int:pk>/", collections.item_action, name="community_collection_item"),
    path(
        "members/<str:username>/collections/",
        collections.member_collections,
        name="community_member_collections",
    ),
    path("feedback/", feedback.feedback, name="home_feedback"),
    *sharing_and_following_patterns,
    # Improving resources (suggestions, problem reports, volunteer translations) and credit.
    path("r/<uuid:key>/suggest/", suggestions.suggest, name="community_suggest"),
    path("r/<uuid:key>/problem/", suggestions.report_problem, name="community_report_problem"),
    path(
        "r/<uuid:key>/translate/<str:language>/",
        suggestions.help_translate,
        name="community_help_translate",
    ),
    path("my/suggestions/", suggestions.my_suggestions, name="community_my_suggestions"),
    path(
        "members/<str:username>/contributions/",
        credit.contributor_page,
        name="community_contributor",
    ),
]

# Outside i18n_patterns: /s/<code>, the language comes from the reader.
short_link_patterns = [path("s/<str:code>", shortlinks.short_link, name="short_link")]
