"""The pages trainers edit: the programs index, a program, and its weeks (ordered in the page tree)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from library.blocks import TEXT_FEATURES

from ..blocks import AssessmentBlock, LiveChatBlock, MaterialBlock, WeekResourceBlock

# programs/urls.py serves these paths under the programs index before Wagtail's pages; a program
# with one of these slugs (or its weeks) would be hidden behind them.
RESERVED_PROGRAM_SLUGS = frozenset({"my", "answers", "weeks", "certificates"})

PROGRAM_LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("ar-en", _("Arabic and English")),
]


class ProgramIndexPage(Page):
    """Lists the training programs of one locale."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.ProgramPage"]
    max_count_per_parent = 1

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("training programs index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = ProgramPage.objects.child_of(self).live().order_by("-starts_on")
        return context


class ProgramPage(Page):
    """A multi-week course: its weeks are the WeekPages below it, in page-tree order."""

    summary = models.TextField(_("summary"), max_length=1000)
    audience = models.TextField(_("who it is for"), blank=True, max_length=1000)
    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))
    program_language = models.CharField(
        _("language of instruction"), max_length=5, choices=PROGRAM_LANGUAGES, default="ar"
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    enrolment_open = models.BooleanField(_("enrolment is open"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    # Mentors are members: they review answers and answer questions in this program only.
    mentors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="mentored_programs",
        verbose_name=_("mentors"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("program_language"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldRowPanel([FieldPanel("enrolment_open"), FieldPanel("capacity")]),
            ],
            heading=_("Dates and enrolment"),
        ),
        FieldPanel("mentors"),
    ]

    parent_page_types = ["programs.ProgramIndexPage"]
    subpage_types = ["programs.WeekPage"]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("audience"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
        SynchronizedField("program_language"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        SynchronizedField("enrolment_open"),
        SynchronizedField("capacity"),
        SynchronizedField("mentors"),
    ]

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_PROGRAM_SLUGS:
            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is used by the site's own program pages; choose another slug."
                    )
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        # Deferred: the services read these models, so they cannot be imported while the
        # models load; serving a page is the one place the models call up into them.
        from ..services.pages import program_context

        context = super().get_context(request, *args, **kwargs)
        context.update(program_context(self, request.user))
        context.update(kwargs)
        return context


class WeekPage(Page):
    """One week: dates, goals, library resources, own material, an assessment and live chats."""

    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("assessment deadline"),
        null=True,
        blank=True,
        help_text=_("After this moment answers are no longer accepted. Empty: no deadline."),
    )
    goals = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("learning goals"))
    resources = StreamField(
        [("resource", WeekResourceBlock())], blank=True, verbose_name=_("library resources")
    )
    material = StreamField(MaterialBlock(), blank=True, verbose_name=_("program material"))
    assessment = StreamField(AssessmentBlock(), blank=True, verbose_name=_("assessment"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        help_text=_("Share of multiple-choice questions to answer correctly."),
    )
    live_chats = StreamField(
        [("live_chat", LiveChatBlock())], blank=True, verbose_name=_("live chats")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("deadline")]),
        FieldPanel("goals"),
        FieldPanel("resources"),
        FieldPanel("material"),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("assessment")], heading=_("Assessment")
        ),
        FieldPanel("live_chats"),
    ]

    parent_page_types = ["programs.ProgramPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("goals"),
        TranslatableField("resources"),
        TranslatableField("material"),
        TranslatableField("assessment"),
        TranslatableField("live_chats"),
        SynchronizedField("slug"),
        SynchronizedField("starts_on"),
        SynchronizedField("deadline"),
        SynchronizedField("pass_mark"),
    ]

    class Meta:
        verbose_name = _("program week")
        verbose_name_plural = _("program weeks")

    def get_context(self, request, *args, **kwargs):
        from ..services.pages import week_context  # deferred, as in ProgramPage.get_context

        context = super().get_context(request, *args, **kwargs)
        context.update(week_context(self, request.user))
        context.update(kwargs)
        return context

    def program_is_open(self):
        """A week is read only while its program is live: unpublishing a program hides its
        weeks with it (Wagtail would otherwise serve a live child of an unpublished page).
        View restrictions on the program already cover its weeks (Wagtail checks ancestors)."""
        return ProgramPage.objects.filter(pk=self.get_parent().pk).live().exists()

    def route(self, request, path_components):
        if not path_components and not self.program_is_open():
            raise Http404
        return super().route(request, path_components)

    def get_sitemap_urls(self, request=None):
        if not self.program_is_open():
            return []
        return super().get_sitemap_urls(request)

    def questions(self):
        """The week's questions as (block id, kind, value) in the trainer's order."""
        return [(block.id, block.block_type, block.value) for block in self.assessment]

    @property
    def program(self):
        return ProgramPage.objects.get(pk=self.get_parent().pk)
