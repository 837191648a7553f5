"""Members' screens: submit, my submissions, rate, comment, the personal library, short links.

Views parse input, call a service (submissions, engagement, personal_library) and render.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import hit, rate_limited, too_many_requests

from . import engagement, fetcher, personal_library, submissions
from .forms import CollectionForm, CommentForm, ItemNoteForm, ReportForm, SubmitResourceForm
from .models import Collection, Comment, Submission
from .resource_urls import normalize_url, validate_resource_url

FETCH_SESSION_KEY = "library_submit_fetch"
PENDING_DUPLICATE_MESSAGE = gettext_lazy(
    "This address is already in the library or waiting for review."
)


def _back(request, fallback):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _resource_or_404(key):
    page = personal_library.live_resource(key)
    if page is None:
        raise Http404
    return page


# --- Submitting ------------------------------------------------------------------------------


def _duplicate_info(url, titles, language):
    """(existing live resource, PendingResource or None; [(score, page)] similar titles)."""
    existing = None
    if url:
        try:
            validate_resource_url(url)
            existing = submissions.existing_resource(url, language)
        except ValidationError:
            pass
    exclude = existing.translation_key if existing else None
    return existing, submissions.similar_titles(titles, language, exclude_key=exclude)


def _fetch(request, url):
    """Fetch `url`'s details (or an error message); remember framability for the submission."""
    try:
        validate_resource_url(url)
        details = fetcher.fetch_details(url)
    except ValidationError as error:
        return None, error.messages[0]
    except (fetcher.FetchRefused, fetcher.FetchFailed) as error:
        return None, str(error.args[0])
    request.session[FETCH_SESSION_KEY] = {
        "url": normalize_url(url),
        "framable": details.framable,
    }
    return details, ""


@login_required
def fetch_details(request):
    """JSON for the submit form's script: fetched details and the duplicate check."""
    url = request.GET.get("url", "").strip()
    if not hit(request, "fetch"):
        return JsonResponse(
            {"error": _("Too many attempts. Please wait a few minutes.")}, status=429
        )
    details, error = _fetch(request, url)
    language = get_language()
    titles = [request.GET.get("title", ""), details.title if details else ""]
    existing, similar = _duplicate_info(url, titles, language)
    return JsonResponse(
        {
            "error": error,
            "title": details.title if details else "",
            "description": details.description if details else "",
            "language": details.language if details else "",
            "framable": details.framable if details else None,
            "duplicate": _duplicate_json(existing),
            "similar": [{"title": page.title, "url": page.url} for _score, page in similar],
        }
    )


def _duplicate_json(existing):
    if existing is None:
        return None
    if not existing.live:  # a draft's title and address are not for other members' eyes
        return {"title": PENDING_DUPLICATE_MESSAGE, "url": "", "pending": True}
    return {"title": existing.title, "url": existing.url, "pending": False}


def _initial_from_bookmarklet(request):
    language = get_language()
    title = request.GET.get("title", "")[:255]
    text = request.GET.get("text", "")[:1200]
    initial = {"url": request.GET.get("url", "")[:2000], "primary_language": language}
    if title:
        initial[f"title_{language}"] = title
    if text:
        initial[f"summary_{language}"] = text
    return initial


def _bookmarklet(request):
    target = request.build_absolute_uri(reverse("library_submit"))
    return (
        "javascript:(function(){var s=String(window.getSelection()).slice(0,1000);"
        f"location.href='{target}?url='+encodeURIComponent(location.href)"
        "+'&title='+encodeURIComponent(document.title)+'&text='+encodeURIComponent(s);})();"
    )


@login_required
@rate_limited("submit")
def submit(request):
    """URL first; “Fetch details” fills the form (scripts do it in the background); then the
    duplicate check, then the draft goes to the curators."""
    language = get_language()
    fetch_error, fetched = "", None
    if request.method != "POST":
        form = SubmitResourceForm(initial=_initial_from_bookmarklet(request))
        url = form.initial.get("url", "")
        titles = [form.initial.get(f"title_{language}", "")]
    else:
        data = request.POST.copy()
        url = data.get("url", "").strip()
        if "fetch" in data:
            fetched, fetch_error = _fetch(request, url)
            if fetched:
                title_field = f"title_{data.get('primary_language') or language}"
                if not data.get(title_field):
                    data[title_field] = fetched.title
                summary_field = f"summary_{data.get('primary_language') or language}"
                if not data.get(summary_field):
                    data[summary_field] = fetched.description
                if fetched.language and not data.getlist("languages"):
                    data.setlist("languages", [fetched.language])
            form = SubmitResourceForm(data)
            titles = [data.get("title_en", ""), data.get("title_ar", "")]
        else:
            form = SubmitResourceForm(data)
            titles = [data.get("title_en", ""), data.get("title_ar", "")]
    existing, similar = _duplicate_info(url, titles, language)

    if request.method == "POST" and "fetch" not in request.POST and form.is_valid():
        cleaned = form.cleaned_data
        if existing is None and similar and not cleaned["not_a_duplicate"]:
            form.add_error(
                "not_a_duplicate",
                _("Please open the similar resources above and confirm yours is different."),
            )
        elif existing is None:
            remembered = request.session.get(FETCH_SESSION_KEY) or {}
            data = submissions.SubmissionData(
                url=cleaned["url"],
                primary_language=cleaned["primary_language"],
                titles={
                    code: cleaned[f"title_{code}"].strip()
                    for code in ("en", "ar")
                    if cleaned[f"title_{code}"].strip()
                },
                summaries={
                    code: cleaned[f"summary_{code}"].strip()
                    for code in ("en", "ar")
                    if cleaned[f"summary_{code}"].strip()
                },
                categories=list(cleaned["categories"]),
                media_format=cleaned["media_format"],
                languages=cleaned["languages"],
                regions=cleaned["regions"],
                license=cleaned["license"],
                author=cleaned["author"],
                year=cleaned["year"],
                framable=remembered.get("framable", False)
                if remembered.get("url") == normalize_url(cleaned["url"])
                else False,
            )
            try:
                submissions.submit_resource(request.user, data)
            except submissions.DuplicateResource as duplicate:
                existing = submissions.shown_resource(duplicate.page)
            else:
                request.session.pop(FETCH_SESSION_KEY, None)
                messages.success(
                    request,
                    _("Thank you! Your submission is waiting for a curator’s review."),
                )
                return redirect("library_my_submissions")

    return render(
        request,
        "library/members/submit.html",
        {
            "form": form,
            "existing": existing,
            "show_errors": request.method == "POST" and "fetch" not in request.POST,
            "similar": [page for _score, page in similar],
            "fetched": fetched,
            "fetch_error": fetch_error,
            "bookmarklet": _bookmarklet(request),
        },
    )


@login_required
def my_submissions(request):
    items = list(Submission.objects.filter(member=request.user).order_by("-created_at"))
    statuses = submissions.submission_statuses(items)
    for item in items:
        item.status = statuses[item.pk]
    newly_published = [i for i in items if i.published_at and not i.publication_seen]
    for item in newly_published:
        messages.success(
            request,
            _("Published: “%(title)s” is now in the library.") % {"title": item.title},
        )
    Submission.objects.filter(pk__in=[i.pk for i in newly_published]).update(publication_seen=True)
    return render(request, "library/members/my_submissions.html", {"submissions": items})


# --- Ratings and comments --------------------------------------------------------------------


@login_required
@require_POST
@rate_limited("rate")
def rate(request, key):
    page = _resource_or_404(key)
    if "remove" in request.POST:
        engagement.remove_rating(request.user, key)
        messages.success(request, _("Your rating was removed."))
        return _back(request, page.url)
    try:
        stars = int(request.POST.get("stars", ""))
        engagement.rate_resource(request.user, key, stars)
    except (ValueError, ValidationError):
        return HttpResponseBadRequest(_("A rating is a whole number of stars from 1 to 5."))
    messages.success(request, _("Thank you for rating this resource."))
    return _back(request, page.url)


@login_required
@require_POST
@rate_limited("comment")
def comment(request, key):
    page = _resource_or_404(key)
    form = CommentForm(request.POST)
    if form.is_valid():
        new = engagement.post_comment(
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
    if not engagement.can_edit(item, request.user):
        raise PermissionDenied
    page = _resource_or_404(item.translation_key)
    form = CommentForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        engagement.edit_comment(item, request.user, form.cleaned_data["body"])
        messages.success(request, _("Your comment was changed."))
        return HttpResponseRedirect(page.url + "#comments")
    return render(
        request,
        "library/members/comment_edit.html",
        {"form": form, "comment": item, "resource": page},
    )


@login_required
@rate_limited("report")
def report_comment(request, pk):
    item = get_object_or_404(Comment, pk=pk, status=Comment.PUBLISHED)
    page = _resource_or_404(item.translation_key)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        engagement.report_comment(item, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Thank you. A curator will look at this comment."))
        return HttpResponseRedirect(page.url + "#comments")
    return render(
        request,
        "library/members/comment_report.html",
        {"form": form, "comment": item, "resource": page},
    )


# --- Personal library ------------------------------------------------------------------------


@login_required
@require_POST
@rate_limited("collect")
def save(request, key):
    page = _resource_or_404(key)
    collection = None
    if request.POST.get("collection"):
        collection = personal_library.own_collection(request.user, request.POST["collection"])
    elif request.POST.get("new_collection", "").strip():
        collection = Collection.objects.create(
            owner=request.user, name=request.POST["new_collection"].strip()[:120]
        )
    item, created = personal_library.save_resource(request.user, key, collection)
    if created:
        messages.success(
            request, _("Saved to “%(collection)s”.") % {"collection": item.collection.name}
        )
    else:
        messages.info(
            request, _("Already in “%(collection)s”.") % {"collection": item.collection.name}
        )
    return _back(request, page.url)


@login_required
def my_library(request):
    personal_library.default_collection(request.user)
    form = CollectionForm(request.POST or None)
    if request.method == "POST":
        if not hit(request, "collect"):
            return too_many_requests(request)
        if form.is_valid():
            collection = form.save(commit=False)
            collection.owner = request.user
            collection.save()
            messages.success(request, _("Collection created."))
            return redirect("library_collection", pk=collection.pk)
    collections = Collection.objects.filter(owner=request.user).annotate(item_count=Count("items"))
    return render(
        request, "library/members/my_library.html", {"collections": collections, "form": form}
    )


def collection_detail(request, pk):
    collection = personal_library.visible_collection(request.user, pk)
    is_owner = request.user.is_authenticated and collection.owner_id == request.user.pk
    short = personal_library.collection_short_link(collection)
    short_url = (
        request.build_absolute_uri(reverse("short_link", args=[short.code])) if short else ""
    )
    return render(
        request,
        "library/members/collection.html",
        {
            "collection": collection,
            "items": personal_library.items_with_resources(collection),
            "is_owner": is_owner,
            "other_collections": Collection.objects.filter(owner=request.user).exclude(pk=pk)
            if is_owner
            else [],
            "short_url": short_url,
            "share_links": personal_library.share_links(short_url, collection.name)
            if short_url
            else [],
        },
    )


@login_required
def collection_edit(request, pk):
    collection = personal_library.own_collection(request.user, pk)
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST":
        if "delete" in request.POST and not collection.is_default:
            collection.delete()
            messages.success(request, _("Collection deleted."))
            return redirect("library_my_library")
        if form.is_valid():
            form.save()
            messages.success(request, _("Collection saved."))
            return redirect("library_collection", pk=collection.pk)
    return render(
        request, "library/members/collection_edit.html", {"form": form, "collection": collection}
    )


@login_required
@require_POST
@rate_limited("collect")
def item_action(request, pk):
    """Reorder (up/down), move to another collection, remove, or change the note of an item."""
    item = personal_library.own_item(request.user, pk)
    action = request.POST.get("action")
    if action in ("up", "down"):
        personal_library.move_item(item, -1 if action == "up" else 1)
    elif action == "remove":
        item.delete()
        messages.success(request, _("Removed from the collection."))
    elif action == "move":
        destination = personal_library.own_collection(request.user, request.POST.get("to"))
        personal_library.transfer_item(item, destination)
        messages.success(
            request, _("Moved to “%(collection)s”.") % {"collection": destination.name}
        )
    elif action == "note":
        form = ItemNoteForm(request.POST, instance=item)
        if form.is_valid():
            form.save()
            messages.success(request, _("Note saved."))
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return redirect(reverse("library_collection", args=[item.collection_id]) + f"#item-{item.pk}")


def member_collections(request, username):
    """A member's public collections, listed only when the member chose to show them."""
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    if not getattr(member, "show_collections", False):
        raise Http404
    return render(
        request,
        "library/members/member_collections.html",
        {"member": member, "collections": personal_library.public_collections(member)},
    )


# --- Short links -----------------------------------------------------------------------------


def short_link(request, code):
    """/s/<code>: to the resource in the reader's language, or to a public collection.
    Nothing about the visit is recorded."""
    from django.utils.translation import get_language_from_request

    target = personal_library.resolve_short_code(code, get_language_from_request(request))
    if target is None:
        raise Http404
    return HttpResponseRedirect(target)
