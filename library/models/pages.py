"""The knowledge base's pages: the library index, categories and resources."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import listing, services, session_metadata, vocabularies
from ..blocks import TEXT_FEATURES, ResourceDetailsBlock
from ..fields import CodeListField
from ..ratings import PRIOR_MEAN
from ..resource_urls import (
    MAX_URL_LENGTH,
    encode_resource_url,
    normalize_url,
    validate_resource_url,
)
from ..visibility import listed_ids
from .session_metadata import SessionMetadataMixin


class LibraryIndexPage(Page):
    """All resources of one locale, newest first or by title, paginated."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sort = services.parse_sort(request.GET.get("sort"))
        context["sort"] = sort
        context["resources"] = listing.paginate(
            request,
            listing.library_resource_keys(self.locale, sort),
            services.live_resources(self.locale),
            services.live_resource_count(self.locale),
        )
        return context


class CategoryIndexPage(Page):
    """The grid of all categories; curators order categories by ordering its children."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.CategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("category index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = services.categories_with_counts(self.locale)
        return context


class CategoryPage(Page):
    """An editorial landing page for one of the 40 categories. Its slug is the category's id."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES, verbose_name=_("introduction"))
    featured_resources = StreamField(
        [("resource", blocks.PageChooserBlock(page_type="library.ResourcePage"))],
        blank=True,
        verbose_name=_("featured resources"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_resources")]

    parent_page_types = ["library.CategoryIndexPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
        SynchronizedField("featured_resources"),
    ]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = services.localized(
            block.value for block in self.featured_resources if block.value
        )
        shown = listed_ids(featured)
        context["featured"] = [page for page in featured if page.pk in shown]
        source = services.source_category(self)
        context["resources"] = listing.paginate(
            request,
            listing.category_resource_keys(self.locale, "newest", source),
            services.live_resources(self.locale),
            services.resource_count_in_category(self, source),
        )
        return context


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "library.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(SessionMetadataMixin, Page):
    """One learning resource. Fields that are filtered or faceted are real columns."""

    LINK_STATUS_CHOICES = [
        ("unknown", _("Not checked yet")),
        ("ok", _("Working")),
        ("broken", _("Broken")),
    ]

    summary = models.TextField(_("summary"), max_length=1200, blank=True)
    source_url = models.URLField(
        _("source URL"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_resource_url],
        help_text=_("Where the resource lives on the web (http or https)."),
    )
    # Identity of the work across imports and submissions; recomputed on every save.
    normalized_url = models.CharField(max_length=MAX_URL_LENGTH, editable=False, db_index=True)
    categories = ParentalManyToManyField(
        "library.CategoryPage",
        blank=True,
        related_name="resources",
        verbose_name=_("categories"),
        # Resources point at the default-language categories; templates show `.localized`.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    languages = CodeListField(
        _("languages"),
        code_choices=vocabularies.language_choices,
        help_text=_("Languages the resource itself is available in."),
    )
    media_format = models.CharField(
        _("format"), max_length=20, choices=vocabularies.format_choices, default="guide"
    )
    regions = CodeListField(_("regions"), code_choices=vocabularies.region_choices)
    license = models.CharField(
        _("licence"),
        max_length=40,
        choices=vocabularies.licence_choices,
        default="LicenseRef-Unknown",
    )
    # Where the publisher states the licence: the curators' proof, never shown to the public.
    license_evidence = models.URLField(
        _("licence evidence"),
        max_length=MAX_URL_LENGTH,
        blank=True,
        help_text=_(
            "The address of the publisher's page that states the licence. Shown to curators only."
        ),
    )
    author = models.CharField(_("author or creator"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    tags = ClusterTaggableManager(through=ResourceTag, blank=True, verbose_name=_("tags"))
    framable = models.BooleanField(
        _("can be shown in a frame"),
        default=False,
        help_text=_("Off when the source site refuses to be framed: readers get a link instead."),
    )
    link_status = models.CharField(
        _("link health"), max_length=10, choices=LINK_STATUS_CHOICES, default="unknown"
    )
    link_checked_at = models.DateTimeField(_("link last checked"), null=True, blank=True)
    # Security advice goes stale even when the link works: curators record their last review.
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When a curator last checked that the content is still accurate."),
    )
    # Session metadata for trainers (library.session_metadata): all optional.
    level = models.CharField(
        _("level"), max_length=20, choices=session_metadata.level_choices, blank=True
    )
    time_minutes = models.PositiveSmallIntegerField(
        _("time needed (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(session_metadata.MAX_MINUTES)],
        help_text=_("How long a session with this resource takes, in minutes."),
    )
    audience = CodeListField(_("audience"), code_choices=session_metadata.audience_choices)
    # Ordered (a StreamField keeps the editor's order), pointing at any locale's page: readers
    # see the translation in their language (services.localized).
    prerequisites = StreamField(
        [("resource", blocks.PageChooserBlock(page_type="library.ResourcePage"))],
        blank=True,
        verbose_name=_("prerequisites"),
        help_text=_("Resources to go through first, in order."),
    )
    safety_note = models.TextField(
        _("safety note"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Shown prominently on the page: e.g. that the tool is illegal or blocked somewhere."
        ),
    )
    details = StreamField(
        ResourceDetailsBlock(),
        blank=True,
        verbose_name=_("details"),
        help_text=_("Editions, contributors, related links, attachments and longer text."),
    )
    # Rating aggregates belong to the work, so every translation carries the same numbers.
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    rating_average = models.FloatField(default=0.0, editable=False)
    rating_bayesian = models.FloatField(default=PRIOR_MEAN, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("source_url"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("media_format"),
                FieldPanel("languages"),
                FieldPanel("regions"),
                FieldPanel("license"),
                FieldPanel("license_evidence"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("publisher"), FieldPanel("year")],
            heading=_("Credits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("time_minutes"),
                FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites"),
                FieldPanel("safety_note"),
            ],
            heading=_("Session metadata"),
        ),
        FieldPanel("framable"),
        FieldPanel("last_reviewed"),
        FieldPanel("details"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("media_format"),
        index.FilterField("license"),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("details"),
        TranslatableField("safety_note"),
        SynchronizedField("slug"),
        SynchronizedField("source_url"),
        SynchronizedField("categories"),
        SynchronizedField("languages"),
        SynchronizedField("media_format"),
        SynchronizedField("regions"),
        SynchronizedField("license"),
        SynchronizedField("license_evidence"),
        SynchronizedField("author"),
        SynchronizedField("publisher"),
        SynchronizedField("year"),
        SynchronizedField("tags"),
        SynchronizedField("framable"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("level"),
        SynchronizedField("time_minutes"),
        SynchronizedField("audience"),
        SynchronizedField("prerequisites"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        # The home page's "top rated" reads the best Bayesian averages first.
        indexes = [
            models.Index(
                fields=["-rating_bayesian", "-rating_count"], name="library_resource_top_rated"
            )
        ]

    def clean(self):
        super().clean()
        if self.source_url:
            duplicate = services.find_duplicate(
                self.source_url, self.locale_id, self.translation_key
            )
            if duplicate is not None:
                raise ValidationError(
                    {
                        "source_url": _("This resource is already in the library: “%(title)s”.")
                        % {"title": duplicate.title}
                    }
                )
        if self.license_evidence and self.license == "LicenseRef-Unknown":
            raise ValidationError(
                {"license": _("Choose the licence that the evidence page states.")}
            )
        self.clean_prerequisites()

    def save(self, *args, **kwargs):
        if self.source_url:
            # Every way in (editor, import, member submission) ends here.
            self.source_url = encode_resource_url(self.source_url)
            self.normalized_url = normalize_url(self.source_url)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.localized_categories
        context["editions"] = [b.value for b in self.details if b.block_type == "edition"]
        context["contributors"] = [b.value for b in self.details if b.block_type == "contributor"]
        context["prerequisites"] = self.listed_prerequisites
        context["other_details"] = [
            b for b in self.details if b.block_type not in ("edition", "contributor")
        ]
        # The reader asked for the frame through the viewer's link (without JavaScript, the
        # link is how the click-to-load request reaches the server).
        context["show_viewer"] = self.framable and request.GET.get("viewer") == "show"
        return context

    @cached_property
    def localized_categories(self):
        """The resource's categories in the active language, by their default-language title
        (read once per page object: the page and its metadata both show them)."""
        return services.localized(self.categories.all().order_by("title"))

    # Labels in the active language, for templates and the API.
    @property
    def format_label(self):
        return vocabularies.format_label(self.media_format)

    @property
    def licence_name(self):
        return vocabularies.licence_name(self.license)

    @property
    def licence_short_label(self):
        return vocabularies.licence_short_label(self.license)

    @property
    def licence_url(self):
        return vocabularies.licence_url(self.license)

    @property
    def language_labels(self):
        return [vocabularies.language_label(code) for code in self.languages]

    @property
    def region_labels(self):
        return [vocabularies.region_label(code) for code in self.regions]

    @property
    def source_site(self):
        return (urlsplit(self.source_url).hostname or "").removeprefix("www.")
