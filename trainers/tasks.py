"""Background work of the trainers' toolkit (django-tasks; see curation/tasks.py for how they
run): building offline packs."""

from django_tasks import task


@task()
def build_pack(pack_id):
    """Build the offline pack `pack_id`; returns the stored file's name (None if its source
    changed meanwhile)."""
    from .packs.store import build

    return build(pack_id)
