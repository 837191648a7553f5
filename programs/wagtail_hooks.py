"""Trainers' admin screens: program statistics and participants' answers, beside the page tree."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from .models import ProgramPage
from .statistics import program_statistics


def programs_overview(request):
    """Every program the trainer may edit, with its numbers."""
    programs = [
        page
        for page in ProgramPage.objects.all().select_related("locale").order_by("path")
        if page.permissions_for_user(request.user).can_edit()
    ]
    return TemplateResponse(request, "programs/admin/overview.html", {"programs": programs})


def program_statistics_view(request, page_id):
    program = get_object_or_404(ProgramPage, pk=page_id)
    if not program.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "programs/admin/statistics.html",
        {"program": program, "statistics": program_statistics(program)},
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("programs/", programs_overview, name="programs_admin_overview"),
        path(
            "programs/<int:page_id>/statistics/",
            program_statistics_view,
            name="programs_admin_statistics",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_programs_menu_item():
    return MenuItem(
        _("Training programs"),
        reverse("programs_admin_overview"),
        icon_name="group",
        order=250,
    )


@hooks.register("register_page_listing_buttons")
def statistics_button(page, user, next_url=None):
    if page.specific_class is ProgramPage:
        yield ListingButton(
            _("Statistics"),
            reverse("programs_admin_statistics", args=[page.pk]),
            priority=60,
        )
