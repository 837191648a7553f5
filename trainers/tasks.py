"""Background work of the trainers' toolkit (django-tasks; see curation/tasks.py for how they
run): building offline packs."""

from django_tasks import task

from .packs.building import build


@task()
def build_pack(pack_id):
    """Build the offline pack `pack_id`; returns the stored file's name (None if its source
    changed meanwhile)."""
    return build(pack_id)
