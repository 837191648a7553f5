"""Following, “New for you”, the member's digest choice and signed-out unsubscribing."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tasharuk.ratelimit import rate_limited

from .. import digests, following
from ..models import MemberChoices
from .base import back

SESSION_NEW_SINCE = "community_new_since"


@login_required
@require_POST
@rate_limited("follow")
def follow(request):
    """Follow a category, a public collection, a saved search or a program; POSTed from the
    thing's page (kind + target), which the member is sent back to."""
    kind, target = request.POST.get("kind", ""), request.POST.get("target", "")
    try:
        followed = following.follow(request.user, kind, target, get_language())
    except following.FollowRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You follow “%(name)s”. New things in it appear under “New for you”.")
            % {"name": followed.label},
        )
    return back(request, "/")


@login_required
@require_POST
def unfollow(request, pk):
    if following.unfollow(request.user, pk):
        messages.success(request, _("You no longer follow it."))
    else:
        messages.info(request, _("You were not following it."))
    return back(request, "/")


@login_required
def new_for_you(request):
    """What appeared in what the member follows since their previous visit. A visit is a
    session: the mark moves on at the first opening in a session and the page keeps showing
    the same window until the member signs out or the browser closes."""
    now = timezone.now()
    choices = digests.choices_for(request.user)
    since_text = request.session.get(SESSION_NEW_SINCE)
    if since_text is None:
        since = choices.seen_at or following.default_since(request.user)
        request.session[SESSION_NEW_SINCE] = since.isoformat()
        choices.seen_at = now
        choices.save(update_fields=["seen_at"])
    else:
        since = datetime.fromisoformat(since_text)
    sections = following.whats_new(request.user, since, now, get_language())
    return render(
        request,
        "community/new_for_you.html",
        {
            "sections": sections,
            "since": since,
            "follow_count": digests.follow_count(request.user),
        },
    )


@login_required
def following_page(request):
    """What the member follows (with “Stop following”), their digest and invitation choices."""
    choices = digests.choices_for(request.user)
    if request.method == "POST":
        try:
            digests.choose_digest(
                request.user,
                request.POST.get("frequency", ""),
                request.POST.get("language", get_language()),
            )
        except digests.DigestRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your digest choice is saved."))
            return redirect("community_following")
    return render(
        request,
        "community/following.html",
        {
            "follows": following.following_list(request.user, get_language()),
            "choices": choices,
            "frequencies": MemberChoices.FREQUENCY_CHOICES,
            "confirmed_address": digests.confirmed_address(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


# Mail programs POST here without a cookie or CSRF token (RFC 8058 one-click); the signed
# token is the only authority, and all it can do is stop that member's digests.
@csrf_exempt
def digest_unsubscribe(request, token):
    """GET: a page with one “Unsubscribe” button (a link scanner fetching the link must not
    unsubscribe anyone). POST (the button, or the mail program's one-click): done."""
    member_id = digests.member_id_from_token(token)
    if member_id is None:
        return render(
            request,
            "community/unsubscribe.html",
            {"invalid": True},
            status=400,
        )
    if request.method == "POST":
        if not digests.unsubscribe(member_id):
            raise Http404
        return render(request, "community/unsubscribe.html", {"done": True})
    return render(request, "community/unsubscribe.html", {"token": token})
