"""The home page of each locale, standard pages, the usage guide and site-wide snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

from library import services as library_services
from library.blocks import TEXT_FEATURES

from .blocks import StandardStreamBlock, StepBlock

HOME_LATEST_COUNT = 6
HOME_TOP_RATED_COUNT = 6


class HomePage(Page):
    """The root of one locale: introduction, latest and top-rated resources, category grid."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "library.LibraryIndexPage",
        "library.CategoryIndexPage",
        "home.StandardPage",
        "home.GuidePage",
        "programs.ProgramIndexPage",
        "paths.LearningPathIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = library_services.live_resources(self.locale)
        context["latest"] = library_services.order_resources(resources, "newest")[
            :HOME_LATEST_COUNT
        ]
        context["top_rated"] = resources.filter(rating_count__gt=0).order_by(
            "-rating_bayesian", "-rating_count"
        )[:HOME_TOP_RATED_COUNT]
        context["categories"] = library_services.categories_with_counts(self.locale)
        context["resource_total"] = library_services.live_resource_count(self.locale)
        return context


class StandardPage(Page):
    """About, privacy, terms: a heading-and-text page."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")


class GuidePage(Page):
    """ "How to use Tasharuk": numbered steps, followed by the key to the icons on resource cards."""

    intro = models.TextField(_("introduction"), blank=True)
    steps = StreamField([("step", StepBlock())], blank=True, verbose_name=_("steps"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("steps")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("usage guide")


@register_snippet
class FooterText(TranslatableMixin, models.Model):
    """The short text in every page's footer; translated like pages, one per locale."""

    body = RichTextField(features=["bold", "italic", "link"], verbose_name=_("text"))

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return _("Footer text (%(language)s)") % {"language": self.locale.get_display_name()}
