"""Bulk edits for curators: set or remove a category, licence, region or format on many
resources at once, or mark them reviewed — in every translation, through revisions (so history,
moderation and search indexing work as for a hand edit)."""

from django.db import transaction


def may_publish_work(user, translation_key):
    """True when `user` may publish every translation of the work: a bulk edit revises and
    publishes them all, so publish permission on one page is not enough."""
    from library.models import ResourcePage

    pages = ResourcePage.objects.filter(translation_key=translation_key)
    return all(page.permissions_for_user(user).can_publish() for page in pages)


def revise_works(translation_keys, change, user=None):
    """Apply `change(page) -> bool` to the latest revision of every page (all translations) of
    the given works; each changed page gets a new revision, published when the page was live
    without pending draft changes. Returns the number of works changed.

    With a `user`, works with a translation that user may not publish are left alone (views
    check `may_publish_work` first and tell the user; this is the last line)."""
    from library.models import ResourcePage

    keys = set(translation_keys)
    if user is not None:
        keys = {key for key in keys if may_publish_work(user, key)}
    changed = set()
    with transaction.atomic():
        pages = ResourcePage.objects.filter(translation_key__in=keys)
        for page in pages.order_by("id"):
            publish = page.live and not page.has_unpublished_changes
            draft = page.get_latest_revision_as_object()
            if not change(draft):
                continue
            revision = draft.save_revision(user=user, log_action=True, clean=False)
            if publish:
                revision.publish(user=user)
            changed.add(page.translation_key)
    return len(changed)


def apply_classification(pages, field, operation, value, user=None):
    """Set or remove `value` of `field` on each resource in `pages` and on its translations.

    Categories and regions are lists (set adds the value, remove drops it); licence and format
    are single values (set replaces; remove puts back the default: licence unknown, format
    guide). Returns the number of works changed.
    """
    return revise_works(
        {page.translation_key for page in pages},
        lambda page: _change(page, field, operation, value),
        user,
    )


def mark_reviewed(translation_keys, day, user=None):
    """Record that curators reviewed these resources on `day` (every translation)."""

    def change(page):
        if page.last_reviewed == day:
            return False
        page.last_reviewed = day
        return True

    return revise_works(translation_keys, change, user)


def _change(page, field, operation, value):
    """Apply one change to an unsaved page object; False when it was already so."""
    if field == "category":
        current = list(page.categories.all())
        if operation == "set" and value not in current:
            page.categories.set([*current, value])
            return True
        if operation == "remove" and value in current:
            page.categories.set([c for c in current if c != value])
            return True
        return False
    if field == "region":
        regions = list(page.regions or [])
        if operation == "set" and value not in regions:
            page.regions = [*regions, value]
            return True
        if operation == "remove" and value in regions:
            page.regions = [code for code in regions if code != value]
            return True
        return False
    default = {"license": "LicenseRef-Unknown", "media_format": "guide"}[field]
    new = value if operation == "set" else (default if getattr(page, field) == value else None)
    if new is None or getattr(page, field) == new:
        return False
    setattr(page, field, new)
    return True
