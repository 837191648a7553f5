#!/usr/bin/env python
"""Per-phase times of the PostgreSQL search fallback for benchmarks/search.py's query mix.

Prints, per query, the fastest of --rounds runs of what an uncached search runs: a filtered
relevance search counts and ranks in one statement, any other counts its facets, then ranks its
page. Run against the benchmark database, with the machine's load average printed beside the
figures (they move with it on a shared machine):

  DATABASE_URL=postgres://postgres@127.0.0.1:54329/tasharuk_bench \\
  .venv/bin/python benchmarks/search_fallback_phases.py --rounds 3
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tasharuk.settings.dev")


def load():
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from benchmarks.search import QUERIES
    from search import query_words
    from search.database import counting, matching, ranking

    print(f"load average {load()}")
    times = {}
    for _round in range(args.rounds):
        for query, locale, filters in QUERIES:
            groups = query_words._groups(query)
            selected = {facet: sorted(values) for facet, values in filters.items() if values}
            match_query = matching._match(groups)
            started = time.perf_counter()
            if groups and selected:
                total, _facets, _keys = counting._counts_and_page(
                    groups, match_query, selected, 1, 20
                )
                counted = ranked = time.perf_counter()
            else:
                total, _facets = counting._counts(groups, match_query, selected)
                counted = time.perf_counter()
                ranking._page(groups, match_query, selected, "relevance", 1, 20, total)
                ranked = time.perf_counter()
            times.setdefault((query, locale, bool(selected)), []).append(
                ((counted - started) * 1000, (ranked - counted) * 1000, total)
            )
    for (query, locale, filtered), runs in times.items():
        how = "one statement" if filtered and query.strip() else "counts, page"
        counts = min(run[0] for run in runs)
        page = min(run[1] for run in runs)
        both = min(run[0] + run[1] for run in runs)
        print(
            f"{query[:22]:<22} {locale} {'filtered' if filtered else '':<8} {how:<13} "
            f"counts {counts:6.1f} ms  page {page:6.1f} ms  both {both:6.1f} ms  "
            f"({runs[0][2]} matches)"
        )
    print(f"load average {load()}")


if __name__ == "__main__":
    main()
