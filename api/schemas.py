"""Typed shapes of the open API's answers and parameters; the OpenAPI document follows from them.

The item shape is the search contract of DESIGN.md: a resource looks the same in search
results, lists, collections and feeds.
"""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Query, Schema
from pydantic import StringConstraints

from library import creators, session_metadata
from search.engine.ranking import MAX_RESULT_WINDOW
from search.services import FACET_PATTERNS, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SORTS

Locale = Literal[tuple(code for code, _name in settings.LANGUAGES)]
Sort = Literal[tuple(SORTS)]


def _facet(name):
    """A repeatable facet parameter whose values must look like codes of that facet."""
    value = Annotated[str, StringConstraints(pattern=FACET_PATTERNS[name].pattern)]
    return Annotated[
        list[value] | None,
        Query(
            None,
            description=f"Filter by {name}. Repeat the parameter to OR several values; "
            "a well-formed but unknown value matches nothing.",
        ),
    ]


LocaleParam = Annotated[
    Locale | None,
    Query(None, description="Language of the answer; the other one when a work lacks it."),
]
PageParam = Annotated[int | None, Query(None, ge=1, le=MAX_RESULT_WINDOW)]
PageSizeParam = Annotated[int | None, Query(None, ge=1, le=MAX_PAGE_SIZE)]
QueryParam = Annotated[str | None, Query(None, max_length=MAX_QUERY_LENGTH)]
CategoryParam = _facet("category")
LanguageParam = _facet("language")
FormatParam = _facet("format")
RegionParam = _facet("region")
LicenseParam = _facet("license")
WarningParam = Annotated[
    list[Literal["unsafe", "unmaintained", "blocked_in", "any", "none"]] | None,
    Query(
        None,
        description="Filter by the curators' tool warning: unsafe, unmaintained, blocked_in, "
        "any (any of these) or none. Repeat the parameter to OR several values.",
    ),
]
LevelParam = _facet("level")
AudienceParam = _facet("audience")
MaxMinutesParam = Annotated[
    int | None,
    Query(
        None,
        ge=1,
        le=session_metadata.MAX_MINUTES,
        description="Only resources stated to take at most this many minutes.",
    ),
]
SortParam = Annotated[Sort | None, Query(None)]
PublisherParam = Annotated[
    list[Annotated[str, StringConstraints(pattern=creators.SLUG_PATTERN.pattern)]] | None,
    Query(
        None,
        description="Filter by publisher: the slug of its page (/publishers/<slug>/). Repeat "
        "the parameter to OR several publishers.",
    ),
]


class Error(Schema):
    error: str = Field(description="Why the request was refused, in the request's language.")


class Rating(Schema):
    average: float
    count: int


class Highlight(Schema):
    title: str | None = Field(description="HTML-escaped title with matches in <mark>.")
    snippet: str | None = Field(description="HTML-escaped excerpt with matches in <mark>.")


class WarningCountry(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2, lower case.")
    name: str


class WarningAlternative(Schema):
    id: int
    title: str
    url: str


class ToolWarning(Schema):
    status: Literal["unsafe", "unmaintained", "blocked_in"]
    label: str = Field(description="The warning's headline in the requested language.")
    date: str = Field(description="Date of the curators' note (YYYY-MM-DD).")
    note: str = Field(description="The curators' note in the requested language.")
    countries: list[WarningCountry] = Field(description="Where it is blocked (blocked_in).")
    alternative: WarningAlternative | None = Field(
        description="A safer resource in the library, when the curators named one."
    )


class ResourceItem(Schema):
    id: int = Field(description="Page id of the returned translation.")
    url: str
    source_url: str
    title: str
    summary: str
    categories: list[str] = Field(description="Category slugs (the same in both languages).")
    languages: list[str] = Field(description="ISO 639-1 codes of the resource's languages.")
    format: str
    regions: list[str]
    license: str = Field(description="SPDX identifier")
    level: Literal["beginner", "intermediate", "advanced"] | None = Field(
        None, description="Level of a training session with it; absent when not stated."
    )
    time_minutes: int | None = Field(
        None, description="Time a session with it takes, in minutes; absent when not stated."
    )
    audience: list[str] = Field(
        default_factory=list,
        description="Who it is for: journalists, activists, trainers, civil-society, "
        "general-public.",
    )
    rating: Rating
    fallback_locale: Locale | None = Field(
        None,
        description="Present only when the work has no translation in the requested locale: "
        "the language this item is shown in instead.",
    )
    warning: ToolWarning | None = Field(
        None,
        description="The curators' current warning about this tool (unsafe, unmaintained, "
        "blocked in some countries), or null.",
    )


class SearchItem(ResourceItem):
    highlight: Highlight | None


class FacetBucket(Schema):
    value: str
    label: str
    count: int


class Facets(Schema):
    category: list[FacetBucket]
    language: list[FacetBucket]
    format: list[FacetBucket]
    region: list[FacetBucket]
    license: list[FacetBucket]
    warning: list[FacetBucket] = Field(
        description="Tool warnings: unsafe, unmaintained, blocked_in, or none."
    )
    level: list[FacetBucket]
    audience: list[FacetBucket]
    max_minutes: list[FacetBucket] = Field(
        description="Resources under 30, 60 and 120 minutes (value: the minutes)."
    )


class QuerySuggestion(Schema):
    query: str
    reason: Literal["keyboard", "spelling"]


class SearchResults(Schema):
    count: int
    results: list[SearchItem]
    facets: Facets
    notice: str | None = Field(
        None, description="Present when the engine is down and the database answered instead."
    )
    suggestion: QuerySuggestion | None = Field(
        None,
        description="Present when the query found little and another query finds more: a "
        "spelling correction or the same keys on the other keyboard layout (Arabic/Latin).",
    )


class Suggestion(Schema):
    title: str
    url: str


class Suggestions(Schema):
    results: list[Suggestion]


class ResourceList(Schema):
    count: int
    results: list[ResourceItem]


class Edition(Schema):
    language: str
    url: str
    format: str
    title: str


class Prerequisite(Schema):
    id: int
    title: str
    url: str


class ResourceDetail(ResourceItem):
    tags: list[str]
    editions: list[Edition]
    prerequisites: list[Prerequisite] = Field(
        description="Published resources to go through first, in order."
    )
    safety_note: str = Field(
        description="A warning to read before using the resource (e.g. that a tool is "
        "illegal or blocked somewhere), in the answer's language; empty when none."
    )


class Category(Schema):
    slug: str
    title: str
    url: str
    resource_count: int


class CategoryList(Schema):
    count: int
    results: list[Category]


class Collection(Schema):
    id: int
    name: str
    description: str
    owner: str | None = Field(description="Display name or username; null unless shown.")
    url: str


class CollectionList(Schema):
    count: int
    results: list[Collection]


class CollectionEntry(Schema):
    resource: ResourceItem
    position: int


class CollectionDetail(Collection):
    items: list[CollectionEntry]


class Feed(Schema):
    kind: Literal["latest", "category", "collection", "search"]
    key: str = Field(description="Category slug, collection id or query; empty for latest.")
    title: str
    rss: str
    atom: str


class FeedList(Schema):
    count: int
    results: list[Feed]


OEmbedUrlParam = Annotated[
    str, Query(..., max_length=2000, description="Address of a resource page on this site.")
]
OEmbedFormatParam = Annotated[
    Literal["json"] | None,
    Query(None, description="Only json is provided; another format is answered with 501."),
]
OEmbedSizeParam = Annotated[int | None, Query(None, ge=1, le=10_000)]


class OEmbed(Schema):
    version: Literal["1.0"]
    type: Literal["rich"]
    title: str
    author_name: str | None = None
    provider_name: str
    provider_url: str
    cache_age: int
    html: str
    width: int
    height: int
