"""Commenting on a resource, editing one's comment, reporting someone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import rate_limited

from .. import comments
from ..forms import CommentForm, ReportForm
from ..models import Comment
from .base import resource_or_404


@login_required
@require_POST
@rate_limited("comment")
def comment(request, key):
    page = resource_or_404(key)
    form = CommentForm(request.POST)
    if form.is_valid():
        new = comments.post_comment(
            request.user, key, form.cleaned_data["body"], language=get_language()
        )
        if new.status == Comment.HELD:
            messages.info(
                request,
                _(
                    "Thank you. New members’ first comments are read by a curator before they appear."
                ),
            )
        else:
            messages.success(request, _("Your comment is published."))
    else:
        messages.error(request, " ".join(form.errors.get("body", [_("Write something first.")])))
    return HttpResponseRedirect(page.url + "#comments")


@login_required
@rate_limited("comment")
def edit_comment(request, pk):
    item = get_object_or_404(Comment, pk=pk)
    if not comments.can_edit(item, request.user):
        raise PermissionDenied
    page = resource_or_404(item.translation_key)
    form = CommentForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        comments.edit_comment(item, request.user, form.cleaned_data["body"])
        messages.success(request, _("Your comment was changed."))
        return HttpResponseRedirect(page.url + "#comments")
    return render(
        request,
        "community/comment_edit.html",
        {"form": form, "comment": item, "resource": page},
    )


@login_required
@rate_limited("report")
def report_comment(request, pk):
    item = get_object_or_404(Comment, pk=pk, status=Comment.PUBLISHED)
    page = resource_or_404(item.translation_key)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comments.report_comment(item, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Thank you. A curator will look at this comment."))
        return HttpResponseRedirect(page.url + "#comments")
    return render(
        request,
        "community/comment_report.html",
        {"form": form, "comment": item, "resource": page},
    )
