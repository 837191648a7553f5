"""The database fallback: the same search contract answered from search.SearchDocument rows.

Used when no engine is configured (SQLite, `make run`) and, with a notice, when the engine is
down. Quality is lower than the engine's, by design of what a portable ORM query can do: words
match by normalised substring (so "حمايه" finds "حماية" and "خصوصيه" finds "الخصوصية", but
there is no stemming of English or Arabic plurals, no fuzzy matching and no phrase bonus), and
scoring is a simple weighted count done in Python over the matching rows. Facets, filters,
sorting and pagination behave exactly as the engine's.

Queries are expanded with the same vocabulary the engine uses (vocabulary.lookup.expand): a
run of words naming a concept matches any of the concept's labels and variants, in either
language, and such matches score less than the typed words themselves.

- storage: the rows, written from the indexed documents;
- searching: search, count and autocomplete (portable, or PostgreSQL through the modules below);
- matching: what a search matches in SQL (the query's words: search.query_words);
- counting: total and facets; ranking: the score and the page; answer_cache: cached answers;
- statements: facet filters and statement settings (the tables: search.match_rows);
- results: hits and highlights.

What the rest of the site calls is re-exported here (`from search import database`).
"""

from ..match_rows import clean_word_index
from .searching import autocomplete, count, search
from .storage import store

__all__ = ["autocomplete", "clean_word_index", "count", "search", "store"]
