"""What learning paths show and what members do with them: the steps in the reader's language,
which of them are still available, listings by locale and category, and ticking steps done.

Listings go through `library.visibility.listed` (live, public, parents live), so a path with a
view restriction is never listed anywhere; a step's resource is shown only when it passes the
same rule, otherwise the step says "no longer available"."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from library import services as library_services
from library.models import ResourcePage
from library.visibility import listed

from .models import LearningPathIndexPage, LearningPathPage, StepDone


class StepNotFound(Exception):
    """The step is not (or no longer) part of the path."""


@dataclass
class Step:
    id: str  # the step block's id, shared by the path's translations
    number: int
    note: str
    resource: ResourcePage | None  # None: unpublished, restricted or deleted since
    done: bool = False

    @property
    def available(self):
        return self.resource is not None


def _resource_key(block):
    page = block.value["resource"]
    return page.translation_key if page is not None else None


def available_resources(translation_keys, language):
    """{translation_key: listed ResourcePage}, in `language` when translated, else in the other
    language; resources unpublished or under a view restriction are absent."""
    pages = {}
    found = listed(ResourcePage.objects.filter(translation_key__in=list(translation_keys)))
    for page in found.select_related("locale").order_by("pk"):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    return pages


def path_steps(path, done_ids=frozenset()):
    """The path's steps in order, each with its resource in the path's language (or None when
    it is no longer available) and whether it is in `done_ids`."""
    blocks = [block for block in path.steps if block.block_type == "step"]
    keys = [_resource_key(block) for block in blocks]
    pages = available_resources([k for k in keys if k], path.locale.language_code)
    return [
        Step(
            id=str(block.id),
            number=number,
            note=block.value.get("note") or "",
            resource=pages.get(key) if key else None,
            done=str(block.id) in done_ids,
        )
        for number, (block, key) in enumerate(zip(blocks, keys, strict=True), start=1)
    ]


def done_step_ids(user, path):
    """Ids (str) of the steps `user` ticked on `path` in any of its languages."""
    if not user.is_authenticated:
        return frozenset()
    ticks = StepDone.objects.filter(member=user, path_key=path.translation_key)
    return frozenset(str(step) for step in ticks.values_list("step", flat=True))


def path_view(path, user):
    """The template context of a path page: steps, and the reader's progress over the steps
    still available (a step that disappeared can no longer be done, so it does not count)."""
    steps = path_steps(path, done_step_ids(user, path))
    available = [step for step in steps if step.available]
    done = sum(1 for step in available if step.done)
    total = len(available)
    return {
        "steps": steps,
        "done_count": done,
        "step_count": total,
        "percent": round(100 * done / total) if total else 0,
        "can_tick": user.is_authenticated,
    }


def set_step_done(user, path, step_id, done):
    """Tick (`done` true) or untick one step of `path` for `user`. Raises StepNotFound when the
    step is not one of the path's available steps. Ticking twice is harmless."""
    step = next((s for s in path_steps(path) if s.id == str(step_id)), None)
    if step is None or not step.available:
        raise StepNotFound(step_id)
    ticks = StepDone.objects.filter(member=user, path_key=path.translation_key, step=step.id)
    if not done:
        ticks.delete()
        return
    try:
        with transaction.atomic():
            StepDone.objects.get_or_create(member=user, path_key=path.translation_key, step=step.id)
    except IntegrityError:  # the same tick sent twice at once: it is there either way
        pass


def _with_counts(paths):
    paths = list(paths)
    for path in paths:
        path.step_count = sum(1 for block in path.steps if block.block_type == "step")
    return paths


def paths_of_locale(locale, limit=None):
    """Listed learning paths of `locale` in page-tree order (curators order them in the tree),
    each with `step_count`."""
    # Sorted here, not by ORDER BY path: PostgreSQL would walk the page tree's path index
    # through every resource page before it met a path (~90 ms at 100,000 resources); the
    # locale's paths are few, read in the path table's order.
    paths = sorted(_few_pages(LearningPathPage.objects.filter(locale=locale)), key=_tree_order)
    return _with_counts(paths[:limit] if limit else paths)


def paths_in_category(category):
    """Listed learning paths in `category`'s language filed under it (paths, like resources,
    are filed under the default-language category pages)."""
    source = library_services.source_category(category)
    paths = _few_pages(
        LearningPathPage.objects.filter(locale=category.locale, categories=source).distinct()
    )
    return _with_counts(sorted(paths, key=_tree_order))


def path_index(locale):
    """The listed learning path index of `locale`, or None."""
    return _few_pages(LearningPathIndexPage.objects.filter(locale=locale)).first()


def _few_pages(pages):
    """The listed `pages` of a page type that has few rows, read in that table's order (see
    paths_of_locale for why not in the tree's)."""
    return listed(pages).order_by("pk")


def _tree_order(page):
    return page.path
