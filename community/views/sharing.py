"""Shared collections: the owner's editors page (invite, remove), leaving, and the member's
invitations (accept, decline)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import hit, too_many_requests

from .. import sharing
from .base import refused


@login_required
def collection_editors(request, pk):
    """Owner: invite by username, remove editors, withdraw invitations. Editor: leave."""
    try:
        collection = sharing.editable_collection(request.user, pk)
    except sharing.NotAnEditor as error:
        return refused(request, error.message)
    is_owner = collection.owner_id == request.user.pk
    username = ""
    # Reached only when a POST was refused (success redirects): say so with the status too.
    status = 400 if request.method == "POST" else 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "invite" and is_owner:
                if not hit(request, "invite"):
                    return too_many_requests(request)
                username = request.POST.get("username", "")
                sharing.invite(request.user, collection, username)
                messages.success(
                    request,
                    _("Invitation sent. It waits on the member's own “Invitations” page."),
                )
                return redirect("community_collection_editors", pk=collection.pk)
            if action == "remove" and is_owner:
                sharing.remove_editor(request.user, collection, request.POST.get("editor"))
                messages.success(request, _("Done: they no longer edit this collection."))
                return redirect("community_collection_editors", pk=collection.pk)
            if action == "leave" and not is_owner:
                sharing.leave(request.user, collection)
                messages.success(
                    request, _("You left “%(collection)s”.") % {"collection": collection.name}
                )
                return redirect("community_my_library")
            raise Http404
        except sharing.SharingRefused as error:
            messages.error(request, error.message)
    editors = list(sharing.editors_of(collection)) if is_owner else []
    return render(
        request,
        "community/collection_editors.html",
        {
            "collection": collection,
            "is_owner": is_owner,
            "editors": editors,
            "username": username,
        },
        status=status,
    )


@login_required
def invitations(request):
    """Invitations waiting for the member; POST answers one (accept or decline)."""
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            row = sharing.answer_invitation(request.user, request.POST.get("invitation"), accept)
        except sharing.SharingRefused as error:
            messages.error(request, error.message)
            return redirect("community_invitations")
        if accept:
            messages.success(
                request,
                _("You now co-edit “%(collection)s”.") % {"collection": row.collection.name},
            )
            return redirect("community_collection", pk=row.collection_id)
        messages.info(request, _("Invitation declined. The owner cannot invite you again."))
        return redirect("community_invitations")
    pending = list(sharing.pending_invitations(request.user))
    for row in pending:
        row.inviter = sharing.name_for(row.collection.owner, request.user)
    return render(
        request,
        "community/invitations.html",
        {"invitations": pending, "shared": sharing.shared_with(request.user)},
    )


@login_required
@require_POST
def invitation_choice(request):
    """Whether other members may invite this member at all."""
    from ..digests import choices_for

    choices = choices_for(request.user)
    choices.accepts_invitations = request.POST.get("accepts_invitations") == "on"
    choices.save(update_fields=["accepts_invitations"])
    messages.success(request, _("Your choice is saved."))
    return redirect("community_following")
