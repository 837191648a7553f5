"""What can be packed, read into one neutral shape (PackSource) the builder understands.

Each kind of source is a loader registered in KINDS under the name used in its address
(/<lang>/packs/<kind>/<id>/): collections, shared agendas, programs and learning paths
(`load_path`, from the paths app). A new kind needs only a loader returning a PackSource,
decorated with `@source_kind(name)`; the views, the background task, the builder and the
signature need nothing else."""

import hashlib
import json
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override

from safety.statuses import current_warnings

from ..visibility import listed, public_resources

FORMAT_VERSION = 1  # bump when the pack's layout changes, so every kept pack is rebuilt
KINDS = {}


class PackError(Exception):
    """A source that cannot be packed, with the reason in the reader's language."""


def source_kind(name):
    def register(loader):
        KINDS[name] = loader
        return loader

    return register


@dataclass
class Section:
    title: str
    note: str = ""
    when: str = ""  # e.g. "09:00–10:30" for agenda sessions
    resources: list = field(default_factory=list)  # live public ResourcePages


@dataclass
class PackSource:
    kind: str
    ident: str
    title: str
    language: str
    description: str = ""
    sections: list = field(default_factory=list)

    def resources(self):
        """Every resource once, in the order it first appears."""
        seen, ordered = set(), []
        for section in self.sections:
            for page in section.resources:
                if page.pk not in seen:
                    seen.add(page.pk)
                    ordered.append(page)
        return ordered

    def content_hash(self):
        """Changes whenever anything that goes into the pack changes (a resource republished
        makes a new revision, so its latest revision id is enough for its content)."""
        data = {
            "format": FORMAT_VERSION,
            "kind": self.kind,
            "title": self.title,
            "language": self.language,
            "description": self.description,
            # A tool warning set or cleared changes the pack (safety/): its status row's id.
            "warnings": {p.pk: _warning_id(p) for p in self.resources()},
            "sections": [
                [s.title, s.note, s.when, [(p.pk, p.latest_revision_id) for p in s.resources]]
                for s in self.sections
            ],
        }
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


def _warning_id(page):
    warning = current_warnings()["by_key"].get(str(page.translation_key))
    return warning["status_id"] if warning else None


def load(kind, ident, language, user=None):
    """The PackSource for `kind`/`ident` read in `language` by `user` (None: anyone). Http404
    for an unknown kind or a source the reader may not see; PackError when it cannot be
    packed (private, empty)."""
    loader = KINDS.get(kind)
    if loader is None:
        raise Http404
    with override(language):
        source = loader(str(ident), language, user)
    if not source.resources():
        with override(language):
            raise PackError(_("There is nothing to pack: it has no published public resources."))
    return source


@source_kind("collection")
def load_collection(ident, language, user):
    from community.collections import visible_collection

    collection = visible_collection(user or _Anonymous(), ident)
    if not collection.is_public:
        raise PackError(_("Only a public collection can be packed. Make it public first."))
    items = list(collection.items.all())
    pages = public_resources([item.translation_key for item in items], language)
    # Members' notes on items are private even in a public collection: they stay out.
    resources = [pages[i.translation_key] for i in items if i.translation_key in pages]
    return PackSource(
        kind="collection",
        ident=str(collection.pk),
        title=collection.name,
        language=language,
        description=collection.description,
        sections=[Section(title="", resources=resources)],
    )


@source_kind("agenda")
def load_agenda(ident, language, user):
    from ..agendas import schedule, shared_agenda

    agenda = shared_agenda(ident)
    with override(agenda.language):  # the content's language, whatever the reader's
        return _agenda_source(agenda, schedule(agenda))


def _agenda_source(agenda, plan):
    sections = [
        Section(
            title=entry.item.title or entry.item.get_kind_display(),
            note=entry.item.notes,
            when=f"{entry.starts:%H:%M}–{entry.ends:%H:%M}",
            resources=[page for _key, page in entry.resources if page is not None],
        )
        for entry in plan.items
    ]
    return PackSource(
        kind="agenda",
        ident=agenda.share_token,
        title=agenda.title,
        language=agenda.language,
        description=_("Total %(total)s") % {"total": plan.total_label},
        sections=sections,
    )


@source_kind("program")
def load_program(ident, language, user):
    from programs.models import ProgramPage, WeekPage
    from programs.services.structure import weeks_of

    try:
        program = listed(ProgramPage.objects.filter(pk=int(ident))).first()
    except ValueError:
        program = None
    if program is None:
        raise Http404
    program = (
        listed(ProgramPage.objects.filter(translation_key=program.translation_key))
        .filter(locale__language_code=language)
        .first()
        or program
    )
    public_weeks = set(listed(WeekPage.objects.all()).values_list("pk", flat=True))
    sections = []
    for week in weeks_of(program):
        if week.pk not in public_weeks:
            continue
        keys = [b.value["resource"].translation_key for b in week.resources if b.value["resource"]]
        notes = [b.value.get("note") or "" for b in week.resources if b.value["resource"]]
        pages = public_resources(keys, language)
        sections.append(
            Section(
                title=week.title,
                note="\n".join(n for n in notes if n),
                resources=[pages[k] for k in keys if k in pages],
            )
        )
    return PackSource(
        kind="program",
        ident=str(program.pk),
        title=program.title,
        language=program.locale.language_code,
        description=program.summary,
        sections=sections,
    )


@source_kind("path")
def load_path(ident, language, user):
    """A listed learning path (live, public), in `language` when translated: one section per
    step still available, its note kept; steps whose resource went away are left out."""
    from paths.models import LearningPathPage
    from paths.services import path_steps

    try:
        path = listed(LearningPathPage.objects.filter(pk=int(ident))).first()
    except ValueError:
        path = None
    if path is None:
        raise Http404
    path = (
        listed(LearningPathPage.objects.filter(translation_key=path.translation_key))
        .filter(locale__language_code=language)
        .first()
        or path
    )
    sections = [
        Section(
            title=_("Step %(number)s") % {"number": step.number},
            note=step.note,
            resources=[step.resource],
        )
        for step in path_steps(path)
        if step.available
    ]
    return PackSource(
        kind="path",
        ident=str(path.pk),
        title=path.title,
        language=path.locale.language_code,
        description=path.summary,
        sections=sections,
    )


class _Anonymous:
    is_authenticated = False
    pk = None
