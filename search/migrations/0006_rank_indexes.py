"""PostgreSQL only: the titles join the word index and the ratings get an index, so a broad
fallback search ranks only the matches whose titles can rank and the best rated of the rest
(search.database._page).

The word index was dropped by search/0005_facet_ids before it rewrote every narrow row; built
here, after that commit, it holds only the rows as they are now.
"""

from django.db import migrations

from ._postgres import run

FORWARD = [
    # One index for both vectors: a search that asks for matches whose titles hold a form finds
    # them in one scan. With a separate title index PostgreSQL would read that index alone and
    # check the match on each row's long match vector, read back from storage (slower than
    # ranking every match).
    """CREATE INDEX search_documentmatch_match
        ON search_documentmatch USING GIN (match_vector, rank_vector)""",
    """CREATE INDEX search_documentmatch_rating
        ON search_documentmatch (rating_bayesian DESC, document_id)""",
    "ANALYZE search_documentmatch",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_documentmatch_rating",
    "DROP INDEX IF EXISTS search_documentmatch_match",
]



class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_ids")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
