"""Learning paths: curators' ordered routes through the library, published in the page tree,
and the steps members have ticked done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from library.blocks import TEXT_FEATURES

from .blocks import PathStepBlock


class LearningPathIndexPage(Page):
    """The list of a locale's learning paths (under the home page)."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["paths.LearningPathPage"]
    max_count_per_parent = 1

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("learning path index")

    def get_context(self, request, *args, **kwargs):
        from .services import paths_of_locale

        context = super().get_context(request, *args, **kwargs)
        context["paths"] = paths_of_locale(self.locale)
        return context


class LearningPathPage(Page):
    """An ordered path through library resources, each step with a note ("Start here: digital
    security for journalists"). Listed on the home page and on the categories it belongs to."""

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences shown in listings.")
    )
    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))
    categories = ParentalManyToManyField(
        "library.CategoryPage",
        blank=True,
        related_name="learning_paths",
        verbose_name=_("categories"),
        # Like resources: filed under the default-language categories, shown localized.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    steps = StreamField([("step", PathStepBlock())], blank=True, verbose_name=_("steps"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("categories"),
        FieldPanel("steps"),
    ]

    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["paths.LearningPathIndexPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("intro"),
        # The steps' notes are translated; each step's resource follows the reader's language.
        TranslatableField("steps"),
        SynchronizedField("slug"),
        SynchronizedField("categories"),
    ]

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def get_context(self, request, *args, **kwargs):
        from .services import path_view

        context = super().get_context(request, *args, **kwargs)
        context.update(path_view(self, request.user))
        return context


class StepDone(models.Model):
    """A member ticked a step done. Keyed by the path's translation key and the step's block
    id, both shared by the path's translations, so progress is the same in either language."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_steps_done"
    )
    path_key = models.UUIDField()
    step = models.UUIDField()
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("step done")
        verbose_name_plural = _("steps done")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "path_key", "step"], name="paths_one_tick_per_step"
            )
        ]

    def __str__(self):
        return f"{self.path_key}:{self.step}"
