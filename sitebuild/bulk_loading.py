"""Loading hundreds of pages at once: the admin search index and Wagtail's reference index are
written once per page at the end instead of on each of the eight saves a bilingual page takes."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as admin_search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_page_indexing(model):
    """Within the block, saves of `model` skip the admin search and reference index updates;
    on leaving, every page of `model` is indexed once. Signals are reconnected even on error,
    so a failed load leaves normal saving as it was."""
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=model)
    for page in model.objects.all().iterator(chunk_size=200):
        admin_search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)
