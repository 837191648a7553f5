"""Tool warnings (safety/) on the API's resource items, feeds and the widget: every item gets
a `warning` object (null when the tool has none), in the item's requested language."""

from django.utils.translation import override

from safety.statuses import warning_for
from search import warnings as search_warnings


def attach(items, locale):
    """Add "warning" (the API's warning object or None) to each item dict, in `locale`."""
    with override(locale):
        for item in items:
            warning = warning_for(item, locale)
            item["warning"] = warning.as_dict() if warning is not None else None
    return items


def narrowed(filters):
    """`filters` with a `warning` filter turned into the works it selects (library listings
    narrow by translation key; search applies it itself)."""
    filters = dict(filters)
    wanted = search_warnings.wanted_statuses(filters.pop("warning", None))
    if wanted:
        statuses = search_warnings.statuses()
        chosen = [key for key, status in statuses.items() if status in wanted]
        if "none" in wanted:
            filters["excluded_keys"] = [k for k, status in statuses.items() if status not in wanted]
        else:
            filters["keys"] = chosen
    return filters


def feed_description(item):
    """An item's feed description: its warning first (feed readers show no other markup),
    then its summary."""
    warning = item.get("warning")
    if not warning:
        return item["summary"]
    line = f"⚠ {warning['label']}"
    if warning["countries"]:
        line += " — " + ", ".join(country["name"] for country in warning["countries"])
    line += f" — ({warning['date']}) {warning['note']}"
    if warning["alternative"]:
        line += f" — {warning['alternative']['title']}: {warning['alternative']['url']}"
    return f"{line}\n\n{item['summary']}"
