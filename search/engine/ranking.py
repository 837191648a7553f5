"""What both search backends rank and count by: the facets, the fields' weights and the
boosts (the database fallback, search.database, scores with the same figures)."""

FACETS = [
    "category",
    "language",
    "format",
    "region",
    "license",
    # Session metadata (library.session_metadata). max_minutes counts the "under N minutes"
    # steps a resource fits in, and filters by its stated time (see queries._filter_clause).
    "level",
    "audience",
    "max_minutes",
]
# BM25 weights: title > tags > summary > body.
FIELD_WEIGHTS = {"title": 6.0, "tags": 3.0, "summary": 2.0, "body": 1.0}
LOCALE_BOOST = 1.5  # the requested locale's text counts more than the other's
PHRASE_BOOST = 4.0
PHRASE_WINDOW = 200  # the best matches the phrase bonus re-scores
# The vocabulary's other names for what was typed (the other language above all) count for
# less than the typed words themselves, so exact-language matches rank first.
SYNONYM_BOOST = 0.5
# The combined text a synonym is matched in stands for title, tags, summary and body at once:
# about their mean weight.
SYNONYM_FIELD_WEIGHT = 3.0
RATING_BOOST = 3.0
RATING_PIVOT = 3.0  # an unrated resource (PRIOR_MEAN) gets half the rating boost
COMBINED_FACETS = "facets"  # the aggregation over facet_values
FACET_SIZE = 300  # more than any vocabulary in use (categories 40, regions ~250)
MAX_RESULT_WINDOW = 10_000
