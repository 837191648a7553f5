"""Following: members follow a category, a public collection, a saved search or a training
program, and “New for you” (and the e-mail digests) list what appeared in them in a window.

A followed thing is identified so that it survives renames and reads in both languages:
a category by its slug, a program by its translation key, a collection by its id, a saved
search by its normalised query string. Only what anyone may see is ever listed: live, public
pages and public collections.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from library import services as library_services
from library.models import ResourcePage
from programs.models import ProgramPage, WeekPage
from search import services as search_services

from .models import Collection, Follow

ITEMS_PER_FOLLOW = 20
# “New for you” never reaches further back than this, however long the member was away.
LONGEST_LOOK_BACK = timedelta(days=30)
FOLLOWS_PER_MEMBER = 200


class FollowRefused(Exception):
    """Following cannot be done; the message (translated) says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class NewItem:
    title: str
    path: str  # the page's address on this site, in the reader's language
    when: object
    summary: str = ""


@dataclass
class Section:
    follow: Follow
    label: str
    path: str
    items: list = field(default_factory=list)


# --- What can be followed --------------------------------------------------------------------


def search_target(data):
    """The normalised query string of a search (query and filters only: page and sort do not
    change what is new); raises FollowRefused for a malformed one or an empty one."""
    if isinstance(data, str):
        data = QueryDict(data)
    try:
        params = search_services.parse_params(data)
    except search_services.SearchParameterError as error:
        raise FollowRefused(str(error)) from None
    if not params.query and not params.filters:
        raise FollowRefused(_("Search for something first, then follow the search."))
    pairs = [("q", params.query)] if params.query else []
    for facet in sorted(params.filters):
        pairs.extend((facet, value) for value in params.filters[facet])
    return urlencode(pairs), params


def _uuid(value):
    try:
        return UUID(str(value))
    except (ValueError, TypeError):
        return None


def _in_language(pages, language):
    """Of several translations of one page, the one in `language`, else the first."""
    pages = list(pages)
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0] if pages else None


def _category(slug, language):
    return library_services.live_category(slug, language) if slug else None


def _program(target, language):
    key = _uuid(target)
    if key is None:
        return None
    pages = ProgramPage.objects.live().public().filter(translation_key=key).select_related("locale")
    return _in_language(pages, language)


def _public_collection(target):
    try:
        return Collection.objects.get(pk=int(target), is_public=True)
    except (Collection.DoesNotExist, ValueError, TypeError):
        return None


def resolve(kind, target, language):
    """(normalised target, label, collection or None) for something that can be followed;
    FollowRefused with a reason for anything else."""
    if kind == Follow.CATEGORY:
        category = _category(target, language)
        if category is None:
            raise FollowRefused(_("There is no such category."))
        return category.slug, category.title, None
    if kind == Follow.COLLECTION:
        collection = _public_collection(target)
        if collection is None:
            raise FollowRefused(_("Only public collections can be followed."))
        return str(collection.pk), collection.name, collection
    if kind == Follow.PROGRAM:
        program = _program(target, language)
        if program is None:
            raise FollowRefused(_("There is no such training program."))
        return str(program.translation_key), program.title, None
    if kind == Follow.SEARCH:
        normalised, params = search_target(target)
        words = [params.query] if params.query else []
        words += [value for values in params.filters.values() for value in values]
        return normalised, " · ".join(words)[:200], None
    raise FollowRefused(_("This cannot be followed."))


@transaction.atomic
def follow(user, kind, target, language):
    """Follow something; following it twice is refused with a message, the first stays."""
    normalised, label, collection = resolve(kind, target, language)
    if Follow.objects.filter(member=user, kind=kind, target=normalised).exists():
        raise FollowRefused(_("You already follow this."))
    if Follow.objects.filter(member=user).count() >= FOLLOWS_PER_MEMBER:
        raise FollowRefused(_("You follow too many things already; stop following some first."))
    try:
        with transaction.atomic():
            return Follow.objects.create(
                member=user, kind=kind, target=normalised, label=label, collection=collection
            )
    except IntegrityError:  # a double click's second request
        raise FollowRefused(_("You already follow this.")) from None


def unfollow(user, pk):
    """Stop following; True when something was followed."""
    deleted, _rows = Follow.objects.filter(member=user, pk=pk).delete()
    return bool(deleted)


def follow_button(user, kind, thing):
    """What a “Follow” button needs on the page of `thing` (category page, collection,
    program): the kind, the target and the member's follow (or None)."""
    if kind == Follow.CATEGORY:
        target = thing.slug
    elif kind == Follow.PROGRAM:
        target = str(thing.translation_key)
    elif kind == Follow.COLLECTION:
        if not thing.is_public:
            return None
        target = str(thing.pk)
    else:
        target = thing
    existing = None
    if user.is_authenticated:
        existing = Follow.objects.filter(member=user, kind=kind, target=target).first()
    return {"kind": kind, "target": target, "existing": existing}


# --- What is new -----------------------------------------------------------------------------


def _new_resource_keys(pages, since, until):
    """Translation keys of resources among `pages` whose first translation went live in the
    window: a late translation of an old resource is not news."""
    return [
        row["translation_key"]
        for row in pages.values("translation_key")
        .annotate(first=Min("first_published_at"))
        .filter(first__gt=since, first__lte=until)
        .order_by("-first")[:ITEMS_PER_FOLLOW]
    ]


def _resource_items(keys, language):
    pages = {}
    for page in (
        ResourcePage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
    ):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    return [
        NewItem(page.title, page.url, page.first_published_at, page.summary)
        for page in (pages.get(key) for key in keys)
        if page is not None
    ]


def _category_items(follow, since, until, language):
    category = _category(follow.target, language)
    if category is None:
        return None, []
    source = library_services.source_category(category)
    pages = ResourcePage.objects.live().public().filter(categories=source)
    keys = _new_resource_keys(pages, since, until)
    return category, _resource_items(keys, language)


def _collection_items(follow, since, until, language):
    collection = follow.collection
    if collection is None or not collection.is_public:
        return None, []
    items = (
        collection.items.filter(added_at__gt=since, added_at__lte=until)
        .order_by("-added_at")
        .values_list("translation_key", flat=True)[:ITEMS_PER_FOLLOW]
    )
    return collection, _resource_items(list(items), language)


def _search_items(follow, since, until, language):
    try:
        _normalised, params = search_target(follow.target)
    except FollowRefused:
        return None, []
    response = search_services.search(
        params.query,
        language,
        params.filters,
        sort="newest",
        page=1,
        page_size=search_services.MAX_PAGE_SIZE,
        count_zero_results=False,
    )
    dates = library_services.publication_dates([result["id"] for result in response["results"]])
    items = []
    for result in response["results"]:
        first = dates.get(result["id"], (None, None))[0]
        if first is not None and since < first <= until:
            items.append(NewItem(result["title"], result["url"], first, result["summary"]))
    return follow.target, items[:ITEMS_PER_FOLLOW]


def _program_items(follow, since, until, language):
    program = _program(follow.target, language)
    if program is None:
        return None, []
    translations = (
        ProgramPage.objects.live().public().filter(translation_key=program.translation_key)
    )
    weeks = WeekPage.objects.none()
    for translation in translations:
        weeks = weeks | WeekPage.objects.live().public().child_of(translation)
    keys = [
        row["translation_key"]
        for row in weeks.values("translation_key")
        .annotate(first=Min("first_published_at"))
        .filter(first__gt=since, first__lte=until)
        .order_by("first")[:ITEMS_PER_FOLLOW]
    ]
    shown = {}
    for week in WeekPage.objects.live().filter(translation_key__in=keys).select_related("locale"):
        if week.translation_key not in shown or week.locale.language_code == language:
            shown[week.translation_key] = week
    items = [
        NewItem(week.title, week.url, week.first_published_at)
        for week in (shown.get(key) for key in keys)
        if week is not None
    ]
    return program, items


_FINDERS = {
    Follow.CATEGORY: _category_items,
    Follow.COLLECTION: _collection_items,
    Follow.SEARCH: _search_items,
    Follow.PROGRAM: _program_items,
}


def _section(follow, thing, items, language):
    if follow.kind == Follow.SEARCH:
        path = reverse("search") + "?" + follow.target
        return Section(follow, follow.label, path, items)
    if follow.kind == Follow.COLLECTION:
        return Section(follow, thing.name, reverse("community_collection", args=[thing.pk]), items)
    return Section(follow, thing.title, thing.url, items)


def whats_new(user, since, until, language):
    """Sections (one per followed thing with something new in (since, until]), each listing
    items in `language` where a translation exists. Addresses are paths in `language`."""
    since = max(since, until - LONGEST_LOOK_BACK)
    sections = []
    with override(language):
        for follow in Follow.objects.filter(member=user).select_related("collection"):
            thing, items = _FINDERS[follow.kind](follow, since, until, language)
            if thing is not None and items:
                sections.append(_section(follow, thing, items, language))
    return sections


def following_list(user, language):
    """The member's follows with a current label and address (those that still exist)."""
    rows = []
    with override(language):
        for follow in Follow.objects.filter(member=user).select_related("collection"):
            if follow.kind == Follow.CATEGORY:
                thing = _category(follow.target, language)
            elif follow.kind == Follow.PROGRAM:
                thing = _program(follow.target, language)
            elif follow.kind == Follow.COLLECTION:
                thing = (
                    follow.collection if follow.collection and follow.collection.is_public else None
                )
            else:
                thing = follow.target
            section = _section(follow, thing, [], language) if thing is not None else None
            rows.append(
                {
                    "follow": follow,
                    "label": section.label if section else follow.label,
                    "path": section.path if section else "",
                }
            )
    return rows


def default_since(user):
    """Where “New for you” starts for a member who never opened it: their first follow."""
    first = Follow.objects.filter(member=user).order_by("created_at").first()
    return first.created_at if first else timezone.now()
