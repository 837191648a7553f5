"""The search page: parse the query string, call the gateway, render. Works without JavaScript."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from library import creators, session_metadata, vocabularies

from . import services
from .services import PUBLIC_FACETS as FACETS

FACET_TITLES = {
    "category": _("Issue"),
    "language": _("Language"),
    "format": _("Media format"),
    "region": _("Region"),
    "license": _("Licence"),
    "warning": _("Tool warnings"),
    "level": _("Level"),
    "audience": _("Audience"),
    "max_minutes": _("Time needed"),
    "publisher": _("Publisher"),  # a filter without a facet: shown as a chip only
}
SORT_TITLES = {"relevance": _("Relevance"), "rating": _("Rating"), "newest": _("Newest")}


def search_page(request):
    locale = get_language()
    error, response, params = None, None, None
    try:
        # The page's language decides, so a stray ?locale= is ignored rather than refused.
        data = request.GET.copy()
        data.pop("locale", None)
        params = services.parse_params(data, default_locale=locale)
        response = services.search(
            params.query, locale, params.filters, params.sort, params.page, params.page_size
        )
    except services.SearchParameterError as problem:
        error = str(problem)
        params = services.SearchParams(locale=locale)
    searched = bool(params.query or params.filters)
    found_nothing = searched and response is not None and not response["results"]
    context = {
        "params": params,
        "error": error,
        "searched": searched,
        "response": response,
        "results": [_with_labels(result) for result in response["results"]] if response else [],
        "facets": _facets(request, params, response) if response else [],
        "chips": _chips(request, params, response) if response else [],
        "sorts": [
            {"value": value, "label": label, "url": _url(request, sort=value, page=None)}
            for value, label in SORT_TITLES.items()
        ],
        "pages": _pages(request, params, response) if response else None,
        # Offered only when nothing was found: a query saved on every other search.
        "categories_url": _categories_url(locale) if found_nothing else None,
        "suggestion": _suggestion(request, response),
    }
    return render(request, "search/search.html", context, status=400 if error else 200)


def _suggestion(request, response):
    """The “did you mean” query with the link that searches it (filters kept), or None."""
    suggestion = (response or {}).get("suggestion")
    if not suggestion:
        return None
    return {**suggestion, "url": _url(request, q=suggestion["query"], page=None)}


def _url(request, drop=None, **changes):
    """This page's query string with `changes` applied (None removes) and one value dropped."""
    query = request.GET.copy()
    query.pop("locale", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    if drop:
        facet, value = drop
        query.setlist(facet, [v for v in query.getlist(facet) if v != value])
        query.pop("page", None)
    return "?" + query.urlencode()


def _facets(request, params, response):
    facets = []
    for facet in FACETS:
        selected = set(params.filters.get(facet, []))
        buckets = response["facets"][facet]
        # A selected value with no matches still shows, so it can be unticked.
        present = {bucket["value"] for bucket in buckets}
        labels = {b["value"]: b["label"] for b in buckets}
        if facet == "max_minutes":  # a number typed in the address, not one of the steps
            labels.update({v: session_metadata.minutes_label(int(v)) for v in selected - present})
        extra = [{"value": v, "label": labels.get(v, v), "count": 0} for v in selected - present]
        facets.append(
            {
                "name": facet,
                "title": FACET_TITLES[facet],
                "open": bool(selected),
                "values": [
                    {**bucket, "checked": bucket["value"] in selected}
                    for bucket in [*buckets, *extra]
                ],
            }
        )
    return facets


def _chips(request, params, response):
    labels = {
        (facet, bucket["value"]): bucket["label"]
        for facet in FACETS
        for bucket in response["facets"][facet]
    }
    for minutes in params.filters.get("max_minutes", []):
        labels.setdefault(("max_minutes", minutes), session_metadata.minutes_label(int(minutes)))
    for slug in params.filters.get("publisher", []):
        names = creators.names_for_slugs("publisher", [slug])
        labels["publisher", slug] = names[0] if names else slug
    return [
        {
            "facet": FACET_TITLES[facet],
            "label": labels.get((facet, value), value),
            "remove_url": _url(request, drop=(facet, value)),
        }
        for facet, values in params.filters.items()
        for value in values
    ]


def _pages(request, params, response):
    last = max(1, -(-response["count"] // params.page_size))
    last = min(last, services.MAX_RESULT_WINDOW // params.page_size)
    if last == 1:
        return None
    window = range(max(1, params.page - 2), min(last, params.page + 2) + 1)
    return {
        "current": params.page,
        "last": last,
        "previous": _url(request, page=params.page - 1) if params.page > 1 else None,
        "next": _url(request, page=params.page + 1) if params.page < last else None,
        "numbers": [{"number": n, "url": _url(request, page=n)} for n in window],
    }


def _with_labels(result):
    return {
        **result,
        "format_label": vocabularies.format_label(result["format"]),
        "language_labels": [vocabularies.language_label(code) for code in result["languages"]],
    }


def _categories_url(locale_code):
    from library.models import CategoryIndexPage

    page = CategoryIndexPage.objects.live().filter(locale__language_code=locale_code).first()
    if page is None and Locale.objects.exists():
        page = CategoryIndexPage.objects.live().first()
    return page.url if page else None
