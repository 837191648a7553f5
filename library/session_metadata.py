"""Trainers' session metadata on resources: level, time needed, audience, prerequisites and a
safety note. The vocabularies (codes stored, labels translated) and the rules every way in
(editor, import, suggestion, API filter, search facet) shares live here."""

from django.utils.translation import gettext_lazy as _

LEVELS = {
    "beginner": _("Beginner"),
    "intermediate": _("Intermediate"),
    "advanced": _("Advanced"),
}

AUDIENCES = {
    "journalists": _("Journalists"),
    "activists": _("Activists"),
    "trainers": _("Trainers"),
    "civil-society": _("Civil-society organisations"),
    "general-public": _("General public"),
}

# The "under N minutes" facet's steps: a resource counts under every step it fits in.
MINUTE_STEPS = (30, 60, 120)
# A week of full working days: more than any session, enough for a whole course.
MAX_MINUTES = 10080


def level_choices():
    return list(LEVELS.items())


def audience_choices():
    return list(AUDIENCES.items())


def level_label(code):
    return LEVELS.get(code, code)


def audience_label(code):
    return AUDIENCES.get(code, code)


def minutes_label(step):
    """The facet label of an "under N minutes" step, in the active language."""
    return _("Under %(minutes)s minutes") % {"minutes": step}


def minute_steps(minutes):
    """The "under N minutes" steps a resource of `minutes` fits in (none when not stated)."""
    if not minutes:
        return []
    return [step for step in MINUTE_STEPS if minutes <= step]


def duration_text(minutes):
    """ "1 h 30 min", "45 min": how long a session takes, for people, not machines."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(minutes)s min") % {"minutes": rest}


def parse_max_minutes(value):
    """A positive whole number of minutes from a query parameter, or ValueError with a reason."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_MINUTES:
        raise ValueError(
            _("“max_minutes” must be a whole number of minutes from 1 to %(max)s.")
            % {"max": MAX_MINUTES}
        )
    return int(text)


def import_values(data):
    """The session metadata of one import line (a decoded JSON object), checked: a dict with
    level, time_minutes, audience and prerequisites (URLs, in order), or ValueError whose
    message names the field and the reason. Texts (safety_note) are read with the other
    translatable texts."""
    level = data.get("level") or ""
    if level not in ("", *LEVELS):
        raise ValueError(
            _("level: unknown value “%(value)s” (use %(known)s).")
            % {"value": str(level)[:50], "known": ", ".join(LEVELS)}
        )
    minutes = data.get("time_minutes")
    if minutes in (None, ""):
        minutes = None
    elif (
        not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES
    ):
        raise ValueError(
            _("time_minutes: must be a whole number of minutes from 1 to %(max)s.")
            % {"max": MAX_MINUTES}
        )
    values = {"level": level, "time_minutes": minutes}
    for name, known in (("audience", AUDIENCES), ("prerequisites", None)):
        items = data.get(name) or []
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValueError(_("%(field)s: must be a list of text values.") % {"field": name})
        items = list(dict.fromkeys(item.strip() for item in items if item.strip()))
        unknown = [item for item in items if known is not None and item not in known]
        if unknown:
            raise ValueError(
                _("%(field)s: unknown value(s) %(values)s.")
                % {"field": name, "values": ", ".join(unknown)}
            )
        values[name] = items
    return values
