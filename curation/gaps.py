"""The knowledge-gap report's figures: what the library covers (by category × resource language,
region and format), what readers searched for in vain, and how submissions come in.

Every count is of works (translation_key), not pages: an English page and its Arabic
translation are one resource. Only published resources count.
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from library import vocabularies

from .spreadsheets import inert_cell

PRIMARY_LANGUAGES = ("ar", "en")  # always shown as columns, even when empty


@dataclass
class MatrixRow:
    category: object  # the default-language CategoryPage
    cells: list = field(default_factory=list)  # [(language code, count)] in column order
    total: int = 0


def _live_works():
    """{translation_key: (languages, media_format, regions)} of published resources."""
    from library.models import ResourcePage

    works = {}
    for key, languages, media_format, regions in (
        ResourcePage.objects.live()
        .order_by("id")
        .values_list("translation_key", "languages", "media_format", "regions")
        .iterator()
    ):
        works.setdefault(key, (languages or [], media_format, regions or []))
    return works


def coverage_matrix():
    """(language columns, [MatrixRow]) for every category in page-tree order.

    A resource in two languages counts once in each language's column; a category's total counts
    each resource once. Columns: Arabic and English first, then other languages by frequency.
    """
    from library.models import CategoryPage, ResourcePage
    from library.services import default_locale

    works = _live_works()
    categories = list(CategoryPage.objects.filter(locale=default_locale()).order_by("path"))
    keys_by_category = defaultdict(set)
    through = ResourcePage.categories.through
    for key, category_id in through.objects.filter(
        resourcepage__live=True, categorypage_id__in=[c.pk for c in categories]
    ).values_list("resourcepage__translation_key", "categorypage_id"):
        if key in works:
            keys_by_category[category_id].add(key)

    frequency = Counter(code for languages, _f, _r in works.values() for code in set(languages))
    others = sorted(
        (code for code in frequency if code not in PRIMARY_LANGUAGES),
        key=lambda code: (-frequency[code], code),
    )
    columns = [*PRIMARY_LANGUAGES, *others]
    rows = []
    for category in categories:
        keys = keys_by_category[category.pk]
        counts = Counter(code for key in keys for code in set(works[key][0]))
        rows.append(
            MatrixRow(category, [(code, counts.get(code, 0)) for code in columns], len(keys))
        )
    return columns, rows


def coverage_by_region():
    """[(code, label, count)] of regions resources cover, most covered first; `global` and
    `mena` always listed."""
    works = _live_works()
    counts = Counter(code for _l, _f, regions in works.values() for code in set(regions))
    for code in ("global", "mena"):
        counts.setdefault(code, 0)
    return sorted(
        ((code, str(vocabularies.region_label(code)), n) for code, n in counts.items()),
        key=lambda item: (-item[2], item[1]),
    )


def coverage_by_format():
    """[(code, label, count)] for every media format, empty ones included."""
    counts = Counter(media_format for _l, media_format, _r in _live_works().values())
    return sorted(
        ((code, str(label), counts.get(code, 0)) for code, label in vocabularies.format_choices()),
        key=lambda item: (-item[2], item[1]),
    )


def zero_result_searches(start, end, limit=20):
    """{locale: [(query, searches)]}: the most frequent searches that found nothing between
    `start` and `end` (dates, inclusive). Only the anonymous aggregate exists: query text,
    locale and a daily count; nothing about who searched."""
    from search.models import ZeroResultQuery

    rows = (
        ZeroResultQuery.objects.filter(day__gte=start, day__lte=end)
        .values("locale", "query")
        .annotate(searches=Sum("count"))
        .order_by("locale", "-searches", "query")
    )
    found = defaultdict(list)
    for row in rows:
        if len(found[row["locale"]]) < limit:
            found[row["locale"]].append((row["query"], row["searches"]))
    return dict(found)


def submissions_per_month(months=12, today=None):
    """[(first day of month, submissions)] for the last `months` months, oldest first, with
    months without submissions as 0."""
    from community.models import Submission

    today = today or timezone.localdate()
    first = date(today.year, today.month, 1)
    for _step in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    counts = {
        (row["month"].date() if hasattr(row["month"], "date") else row["month"]): row["n"]
        for row in Submission.objects.filter(created_at__date__gte=first)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
    }
    series, month = [], first
    for _step in range(months):
        series.append((month, counts.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return series


def bars(items, width=200, rtl=False):
    """Geometry of a horizontal bar chart: each (label, value) gets `x` and `w` so the longest
    bar fills `width`; right-to-left bars grow from the right edge."""
    peak = max((value for _label, value in items), default=0) or 1
    drawn = []
    for label, value in items:
        w = round(width * value / peak, 1)
        drawn.append({"label": label, "value": value, "w": w, "x": width - w if rtl else 0})
    return drawn


def columns(series, height=120, column_width=28, gap=8, rtl=False):
    """Geometry of a column chart over time: each (month, value) gets x, y and h; under
    right-to-left the oldest month is on the right."""
    peak = max((value for _m, value in series), default=0) or 1
    count = len(series)
    drawn = []
    for index, (month, value) in enumerate(series):
        slot = (count - 1 - index) if rtl else index
        h = round(height * value / peak, 1)
        x = slot * (column_width + gap)
        drawn.append(
            {
                "month": month,
                "value": value,
                "x": x,
                "cx": x + column_width / 2,
                "y": height - h + 16,
                "h": h,
                "value_y": height - h + 12,
            }
        )
    return {
        "items": drawn,
        "width": count * (column_width + gap),
        "height": height + 36,
        "column_width": column_width,
        "label_y": height + 30,
    }


def to_csv(header, rows):
    """A CSV document (str) with a header row. Text that a spreadsheet would run as a formula
    (readers' search queries could start with "=") is prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[inert_cell(cell) for cell in row] for row in rows])
    return buffer.getvalue()
