"""The curators' resource listing in the admin: every resource, filterable by each facet, link
health, translation state and review date, with the Classify bulk action."""

import django_filters
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from library import vocabularies
from library.models import ResourcePage

from . import translation_status
from .models import LinkHealth
from .reviews import review_due_before


def _with_code(queryset, field, code):
    """Resources whose JSON list `field` holds `code` (JSON containment where the database
    has it; SQLite, in `make run`, is filtered in Python)."""
    if connection.features.supports_json_field_contains:
        return queryset.filter(**{f"{field}__contains": [code]})
    pks = [pk for pk, codes in queryset.values_list("pk", field) if code in (codes or [])]
    return queryset.filter(pk__in=pks)


def _categories():
    from library.models import CategoryPage

    return CategoryPage.objects.filter(locale__language_code="en").order_by("title")


class ResourceFilterSet(PageFilterSet):
    media_format = django_filters.ChoiceFilter(
        label=_("Format"), choices=vocabularies.format_choices
    )
    license = django_filters.ChoiceFilter(label=_("Licence"), choices=vocabularies.licence_choices)
    categories = django_filters.ModelChoiceFilter(label=_("Category"), queryset=_categories())
    language = django_filters.ChoiceFilter(
        label=_("Resource language"), choices=vocabularies.language_choices, method="by_language"
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=vocabularies.region_choices, method="by_region"
    )
    link_state = django_filters.ChoiceFilter(
        label=_("Link state"), choices=LinkHealth.STATE_CHOICES, method="by_link_state"
    )
    translation = django_filters.ChoiceFilter(
        label=_("Translation"),
        choices=list(translation_status.STATUS_LABELS.items()),
        method="by_translation",
    )

    review_due = django_filters.BooleanFilter(
        label=_("Review overdue"),
        method="by_review_due",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = ResourcePage
        fields = []

    def by_language(self, queryset, name, value):
        return _with_code(queryset, "languages", value)

    def by_region(self, queryset, name, value):
        return _with_code(queryset, "regions", value)

    def by_link_state(self, queryset, name, value):
        if value == LinkHealth.UNKNOWN:
            return queryset.exclude(
                translation_key__in=LinkHealth.objects.exclude(state=value).values(
                    "translation_key"
                )
            )
        return queryset.filter(
            translation_key__in=LinkHealth.objects.filter(state=value).values("translation_key")
        )

    def by_review_due(self, queryset, name, value):
        overdue = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=review_due_before())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def by_translation(self, queryset, name, value):
        pks = set()
        for _code, source_locale, target_locale in translation_status.directions():
            pks |= {
                row.page.pk
                for row in translation_status.status_rows(
                    source_locale, target_locale, kinds=["resource"], statuses=[value]
                )
            }
        return queryset.filter(pk__in=pks)


class ResourceListingViewSet(PageListingViewSet):
    model = ResourcePage
    icon = "doc-full"
    menu_label = _("Resources")
    menu_order = 150
    add_to_admin_menu = True
    name = "curation_resources"
    url_prefix = "resources"
    filterset_class = ResourceFilterSet
