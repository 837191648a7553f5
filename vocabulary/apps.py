from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class VocabularyConfig(AppConfig):
    name = "vocabulary"
    verbose_name = _("Vocabulary")

    def ready(self):
        from . import lookup
        from .models import Concept

        def forget(**kwargs):
            lookup.forget()

        post_save.connect(forget, sender=Concept, weak=False, dispatch_uid="vocabulary-forget-save")
        post_delete.connect(
            forget, sender=Concept, weak=False, dispatch_uid="vocabulary-forget-delete"
        )
