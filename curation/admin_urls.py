"""Curation's admin URLs, mounted under /admin/curation/ by wagtail_hooks."""

from django.urls import path

from .views import gaps, links, reviews, suggestions, translations

urlpatterns = [
    path("gaps/", gaps.GapReportView.as_view(), name="curation_gaps"),
    path("gaps/wanted/", gaps.create_wanted_note, name="curation_wanted_create"),
    path("links/", links.LinkReportView.as_view(), name="curation_links"),
    path("links/action/", links.link_action, name="curation_links_action"),
    path("links/run/", links.run_link_check, name="curation_links_run"),
    path("reviews/", reviews.ReviewQueueView.as_view(), name="curation_reviews"),
    path("suggestions/", suggestions.SuggestionQueueView.as_view(), name="curation_suggestions"),
    path(
        "problem-reports/",
        suggestions.ProblemReportQueueView.as_view(),
        name="curation_problem_reports",
    ),
    path(
        "volunteer-translations/",
        suggestions.VolunteerTranslationQueueView.as_view(),
        name="curation_volunteer_translations",
    ),
    path(
        "translations/",
        translations.TranslationStatusView.as_view(),
        name="curation_translations",
    ),
]
