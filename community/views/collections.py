"""The personal library: saving resources, collections, their items and notes, public lists."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import hit, rate_limited, too_many_requests

from .. import collections, following, sharing, shortlinks
from ..forms import CollectionForm, ItemNoteForm
from ..models import Collection, CollectionActivity
from .base import back, refused, resource_or_404


@login_required
@require_POST
@rate_limited("collect")
def save(request, key):
    page = resource_or_404(key)
    collection = None
    if request.POST.get("collection"):
        try:
            collection = sharing.editable_collection(request.user, request.POST["collection"])
        except sharing.NotAnEditor as error:
            messages.error(request, error.message)
            return back(request, page.url)
    elif request.POST.get("new_collection", "").strip():
        collection = Collection.objects.create(
            owner=request.user, name=request.POST["new_collection"].strip()[:120]
        )
    item, created = collections.save_resource(request.user, key, collection)
    if created:
        messages.success(
            request, _("Saved to “%(collection)s”.") % {"collection": item.collection.name}
        )
    else:
        messages.info(
            request, _("Already in “%(collection)s”.") % {"collection": item.collection.name}
        )
    return back(request, page.url)


@login_required
def my_library(request):
    collections.default_collection(request.user)
    form = CollectionForm(request.POST or None)
    if request.method == "POST":
        if not hit(request, "collect"):
            return too_many_requests(request)
        if form.is_valid():
            collection = form.save(commit=False)
            collection.owner = request.user
            collection.save()
            messages.success(request, _("Collection created."))
            return redirect("community_collection", pk=collection.pk)
    own_collections = Collection.objects.filter(owner=request.user).annotate(
        item_count=Count("items")
    )
    return render(
        request,
        "community/my_library.html",
        {
            "collections": own_collections,
            "form": form,
            "shared_collections": sharing.shared_with(request.user).annotate(
                item_count=Count("items")
            ),
            "invitation_count": sharing.pending_invitations(request.user).count(),
        },
    )


def collection_detail(request, pk):
    collection = collections.visible_collection(request.user, pk)
    is_owner = request.user.is_authenticated and collection.owner_id == request.user.pk
    is_editor = sharing.is_editor(request.user, collection)
    items = collections.items_with_resources(collection)
    for item in items:
        item.added_by_name = sharing.name_for(item.added_by, request.user)
    short = shortlinks.collection_short_link(collection)
    short_url = (
        request.build_absolute_uri(reverse("short_link", args=[short.code])) if short else ""
    )
    return render(
        request,
        "community/collection.html",
        {
            "collection": collection,
            "items": items,
            "is_owner": is_owner,
            "is_editor": is_editor,
            "is_shared": sharing.is_shared(collection),
            "activity": sharing.activity(collection, request.user) if is_editor else [],
            "follow": following.follow_button(request.user, "collection", collection),
            "other_collections": Collection.objects.filter(owner=request.user).exclude(pk=pk)
            if is_owner
            else [],
            "short_url": short_url,
            "share_links": shortlinks.share_links(short_url, collection.name) if short_url else [],
        },
    )


@login_required
def collection_edit(request, pk):
    collection = collections.own_collection(request.user, pk)
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST":
        if "delete" in request.POST and not collection.is_default:
            collection.delete()
            messages.success(request, _("Collection deleted."))
            return redirect("community_my_library")
        if form.is_valid():
            form.save()
            messages.success(request, _("Collection saved."))
            return redirect("community_collection", pk=collection.pk)
    return render(
        request, "community/collection_edit.html", {"form": form, "collection": collection}
    )


@login_required
@require_POST
@rate_limited("collect")
def item_action(request, pk):
    """Reorder (up/down), move to another collection, remove, or change the note of an item.
    The owner and co-editors may; a former editor is told why their change was not saved."""
    try:
        item = sharing.editable_item(request.user, pk)
    except sharing.NotAnEditor as error:
        return refused(request, error.message, kept_text=request.POST.get("note", ""))
    action = request.POST.get("action")
    collection = item.collection
    if action in ("up", "down"):
        collections.move_item(item, -1 if action == "up" else 1)
        sharing.record(collection, request.user, CollectionActivity.MOVED, item.translation_key)
    elif action == "remove":
        item.delete()
        sharing.record(collection, request.user, CollectionActivity.REMOVED, item.translation_key)
        messages.success(request, _("Removed from the collection."))
        return redirect("community_collection", pk=collection.pk)
    elif action == "move":
        if collection.owner_id != request.user.pk:
            raise Http404  # only the owner moves items between their own collections
        destination = collections.own_collection(request.user, request.POST.get("to"))
        collections.transfer_item(item, destination)
        messages.success(
            request, _("Moved to “%(collection)s”.") % {"collection": destination.name}
        )
    elif action == "note":
        form = ItemNoteForm(request.POST, instance=item)
        if form.is_valid():
            form.save()
            sharing.record(collection, request.user, CollectionActivity.NOTED, item.translation_key)
            messages.success(request, _("Note saved."))
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return redirect(reverse("community_collection", args=[item.collection_id]) + f"#item-{item.pk}")


def member_collections(request, username):
    """A member's public collections, listed only when the member chose to show them."""
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    if not getattr(member, "show_collections", False):
        raise Http404
    return render(
        request,
        "community/member_collections.html",
        {"member": member, "collections": collections.public_collections(member)},
    )
