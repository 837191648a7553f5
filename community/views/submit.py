"""Submitting a resource (with the fetcher's auto-fill and the duplicate checks) and “My submissions”."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from library.resource_urls import normalize_url, validate_resource_url
from tasharuk.ratelimit import hit, rate_limited

from .. import fetcher, submission_status, submissions
from ..forms import SubmitResourceForm
from ..models import Submission

FETCH_SESSION_KEY = "library_submit_fetch"
PENDING_DUPLICATE_MESSAGE = gettext_lazy(
    "This address is already in the library or waiting for review."
)


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
    target = request.build_absolute_uri(reverse("community_submit"))
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
                return redirect("community_my_submissions")

    return render(
        request,
        "community/submit.html",
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
    statuses = submission_status.submission_statuses(items)
    for item in items:
        item.status = statuses[item.pk]
    newly_published = [i for i in items if i.published_at and not i.publication_seen]
    for item in newly_published:
        messages.success(
            request,
            _("Published: “%(title)s” is now in the library.") % {"title": item.title},
        )
    Submission.objects.filter(pk__in=[i.pk for i in newly_published]).update(publication_seen=True)
    return render(request, "community/my_submissions.html", {"submissions": items})
