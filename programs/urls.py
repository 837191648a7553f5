"""Participants' and mentors' URLs under /<lang>/programs/ (included before Wagtail's pages, so
the programs index and program pages themselves are served by Wagtail at the same prefix)."""

from django.urls import path

from . import views

urlpatterns = [
    path("programs/my/", views.dashboard, name="programs_dashboard"),
    path("programs/<int:page_id>/enrol/", views.enrol, name="programs_enrol"),
    path("programs/<int:page_id>/me/", views.update_enrolment, name="programs_update_enrolment"),
    path(
        "programs/<int:page_id>/certificate/",
        views.request_certificate,
        name="programs_request_certificate",
    ),
    path("programs/<int:page_id>/mentor/", views.mentor, name="programs_mentor"),
    path(
        "programs/<int:page_id>/mentor/let-through/", views.let_through, name="programs_let_through"
    ),
    path("programs/answers/<int:submission_id>/review/", views.review, name="programs_review"),
    path(
        "programs/weeks/<int:page_id>/assessment/",
        views.submit_assessment,
        name="programs_submit_assessment",
    ),
    path("programs/weeks/<int:page_id>/posts/", views.post_message, name="programs_post"),
    path("programs/weeks/<int:page_id>/posts/new/", views.new_posts, name="programs_new_posts"),
    path("programs/certificates/<str:code>/", views.certificate, name="programs_certificate"),
    path(
        "programs/certificates/<str:code>/pdf/",
        views.certificate_pdf,
        name="programs_certificate_pdf",
    ),
]
