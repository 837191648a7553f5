"""The public contributor page: what a member gave the library, shown only when the member
chose it on their profile (`show_contributions`, off by default)."""

from django.contrib.auth import get_user_model

from users.public_identity import COLLECTION, CONTRIBUTION, may_be_named, public_name

from .collections import listed_resource
from .models import Collection, Submission, Suggestion, VolunteerTranslation


def contributor(username):
    """The active member called `username` who shows a contributor page, or None."""
    member = get_user_model().objects.filter(username=username, is_active=True).first()
    if member is None or not may_be_named(member, CONTRIBUTION):
        return None
    return member


def _resources(keys):
    """Live pages (in the active language) for `keys`, in order, once each; unpublished go."""
    seen, pages = set(), []
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        page = listed_resource(key)
        if page is not None:
            pages.append(page)
    return pages


def contributions(member):
    """What the contributor page lists: published submissions, resources improved by accepted
    suggestions, published translations, and public collections when the member shows them."""
    submitted = Submission.objects.filter(member=member, published_at__isnull=False)
    accepted = Suggestion.objects.filter(member=member, status=Suggestion.ACCEPTED)
    translated = VolunteerTranslation.objects.filter(
        member=member, status=VolunteerTranslation.PUBLISHED
    )
    collections = []
    if may_be_named(member, COLLECTION):
        collections = list(Collection.objects.filter(owner=member, is_public=True).order_by("name"))
    return {
        "name": public_name(member, CONTRIBUTION),
        "submitted": _resources(submitted.values_list("translation_key", flat=True)),
        "improved": _resources(accepted.values_list("translation_key", flat=True)),
        "translated": _resources(translated.values_list("translation_key", flat=True)),
        "collections": collections,
    }
