"""Program statistics for trainers and mentors: enrolments, shared countries, weekly completion
and drop-off, with the geometry of a server-rendered SVG bar chart (no script, no library)."""

from collections import Counter

import babel
from django.utils.translation import get_language

from .models import Enrolment, Submission
from .services.structure import weeks_of

CHART_WIDTH = 480
CHART_HEIGHT = 200
CHART_GAP = 12


def program_statistics(program):
    """Counts for one program, across all its languages.

    For each week: how many participants reached it (week 1: everyone enrolled), how many passed
    it, and the drop-off (reached but not passed)."""
    weeks = weeks_of(program)
    enrolments = Enrolment.objects.filter(program_key=program.translation_key)
    total = enrolments.count()
    names = babel.Locale.parse(get_language() or "en").territories
    countries = Counter(code for code in enrolments.values_list("country", flat=True) if code)
    passed_by_week = Counter(
        Submission.objects.filter(
            enrolment__program_key=program.translation_key, status=Submission.PASSED
        ).values_list("week_key", flat=True)
    )
    # A participant "reached" week n when they passed week n-1 (progress is strictly ordered).
    rows = []
    reached = total
    for number, week in enumerate(weeks, start=1):
        passed = passed_by_week.get(week.translation_key, 0)
        rows.append(
            {
                "number": number,
                "week": week,
                "reached": reached,
                "passed": passed,
                "dropped": max(reached - passed, 0),
            }
        )
        reached = passed
    return {
        "enrolments": total,
        "capacity": program.capacity,
        "countries": [
            {"code": code, "name": names.get(code.upper(), code), "count": count}
            for code, count in countries.most_common()
        ],
        "countries_unshared": total - sum(countries.values()),
        "weeks": rows,
        "chart": completion_chart(rows, total),
    }


def completion_chart(rows, total):
    """Bars per week: the full bar is who reached the week, the filled part who passed it."""
    if not rows:
        return None
    scale = max(total, 1)
    slot = CHART_WIDTH / len(rows)
    width = max(slot - CHART_GAP, 4)
    bars = []
    for index, row in enumerate(rows):
        reached_height = round(CHART_HEIGHT * row["reached"] / scale, 1)
        passed_height = round(CHART_HEIGHT * row["passed"] / scale, 1)
        x = round(index * slot + CHART_GAP / 2, 1)
        bars.append(
            {
                **row,
                "x": x,
                "label_x": round(x + width / 2, 1),
                "width": round(width, 1),
                "reached_y": round(CHART_HEIGHT - reached_height, 1),
                "reached_height": reached_height,
                "passed_y": round(CHART_HEIGHT - passed_height, 1),
                "passed_height": passed_height,
            }
        )
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars}
