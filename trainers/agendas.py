"""The workshop planner's rules: building an agenda, its times, order, sharing and copies.

Every function that changes an agenda takes the acting member and answers Http404 for anyone
else's (so nobody learns that a private agenda exists). Limits are checked before anything is
saved, so a refused change loses nothing that was there."""

import datetime
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from users.public_identity import COMMENT, public_name

from .models import MAX_AGENDA_MINUTES, Agenda, AgendaItem, AgendaResource
from .visibility import public_resources


class AgendaError(ValueError):
    """A change the planner refuses, with the reason in the member's language."""


def own_agenda(user, pk):
    """The member's agenda `pk`; Http404 for anyone else's or a missing one."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Agenda.objects.get(pk=pk, owner=user)
    except (Agenda.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def own_item(user, pk):
    try:
        return AgendaItem.objects.select_related("agenda").get(pk=pk, agenda__owner=user)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def shared_agenda(token):
    """The agenda shared under `token`; Http404 when no agenda is shared under it."""
    if not token or len(token) > 64:
        raise Http404
    agenda = Agenda.objects.select_related("owner").filter(share_token=token).first()
    if agenda is None:
        raise Http404
    return agenda


def check_minutes(minutes, agenda, replacing=None):
    """Refuse a duration that is not positive or would make the agenda longer than a day."""
    if minutes is None or minutes <= 0:
        raise AgendaError(_("A duration must be a positive number of minutes."))
    others = agenda.items.all()
    if replacing is not None:
        others = others.exclude(pk=replacing.pk)
    total = (others.aggregate(total=Sum("minutes"))["total"] or 0) + minutes
    if total > MAX_AGENDA_MINUTES:
        raise AgendaError(
            _(
                "An agenda can last 24 hours at most: with this, it would last %(hours)s h "
                "%(minutes)s min. Shorten a session or split the workshop into two agendas."
            )
            % {"hours": total // 60, "minutes": total % 60}
        )


@transaction.atomic
def add_item(agenda, kind, title, minutes, notes=""):
    """Append a session or a break at the end of the agenda."""
    Agenda.objects.select_for_update().filter(pk=agenda.pk).first()
    check_minutes(minutes, agenda)
    last = agenda.items.aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        agenda=agenda,
        kind=kind if kind in dict(AgendaItem.KINDS) else AgendaItem.SESSION,
        title=title,
        minutes=minutes,
        notes=notes,
        position=0 if last is None else last + 1,
    )
    agenda.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def update_item(item, title, minutes, notes):
    Agenda.objects.select_for_update().filter(pk=item.agenda_id).first()
    check_minutes(minutes, item.agenda, replacing=item)
    item.title, item.minutes, item.notes = title, minutes, notes
    item.save(update_fields=["title", "minutes", "notes"])
    item.agenda.save(update_fields=["updated_at"])


def _renumber(items):
    for position, item in enumerate(items):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def move_item(item, direction):
    """Swap the item with its neighbour: direction -1 (earlier) or +1 (later)."""
    items = list(AgendaItem.objects.select_for_update().filter(agenda=item.agenda_id))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(items)


@transaction.atomic
def reorder(agenda, ordered_ids):
    """Put the agenda's items in the order of `ordered_ids` (what dragging sends); ids of other
    agendas are ignored and items left out keep their relative order at the end."""
    items = list(AgendaItem.objects.select_for_update().filter(agenda=agenda))
    by_id = {item.pk: item for item in items}
    wanted = []
    for raw in ordered_ids:
        try:
            item = by_id.pop(int(raw), None)
        except (TypeError, ValueError):
            continue
        if item is not None:
            wanted.append(item)
    _renumber(wanted + sorted(by_id.values(), key=lambda i: (i.position, i.pk)))


@transaction.atomic
def add_resource(item, translation_key):
    """Attach a live public resource to a session; False when it was already there."""
    last = item.resources.aggregate(last=Max("position"))["last"]
    _, created = AgendaResource.objects.get_or_create(
        item=item,
        translation_key=translation_key,
        defaults={"position": 0 if last is None else last + 1},
    )
    return created


def share(agenda):
    """Give the agenda an unguessable link (kept if it has one); return the token."""
    if not agenda.share_token:
        agenda.share_token = secrets.token_urlsafe(24)
        agenda.save(update_fields=["share_token"])
    return agenda.share_token


def stop_sharing(agenda):
    agenda.share_token = None
    agenda.save(update_fields=["share_token"])


@transaction.atomic
def copy_agenda(agenda, member):
    """A private copy of `agenda` (sessions, breaks, resources, notes) owned by `member`."""
    copy = Agenda.objects.create(
        owner=member,
        title=agenda.title,
        language=agenda.language,
        starts_at=agenda.starts_at,
    )
    for item in agenda.items.prefetch_related("resources"):
        new_item = AgendaItem.objects.create(
            agenda=copy,
            kind=item.kind,
            title=item.title,
            minutes=item.minutes,
            notes=item.notes,
            position=item.position,
        )
        AgendaResource.objects.bulk_create(
            AgendaResource(item=new_item, translation_key=r.translation_key, position=r.position)
            for r in item.resources.all()
        )
    return copy


def author_name(agenda):
    """The owner's public name when they chose to show it on this agenda, else None."""
    if not agenda.show_author:
        return None
    return public_name(agenda.owner, COMMENT)


@dataclass
class ScheduledItem:
    item: AgendaItem
    starts: datetime.datetime
    ends: datetime.datetime
    # (translation_key, live public page or None when no longer available)
    resources: list = field(default_factory=list)


@dataclass
class Schedule:
    agenda: Agenda
    items: list
    total_minutes: int
    ends: datetime.datetime

    @property
    def total_label(self):
        return _("%(hours)s h %(minutes)02d min") % {
            "hours": self.total_minutes // 60,
            "minutes": self.total_minutes % 60,
        }


def schedule(agenda, language=None):
    """Each item with its start and end (from the agenda's start time) and its resources in
    `language` (default: the agenda's); an unpublished or private resource comes as None."""
    items = list(agenda.items.prefetch_related("resources"))
    keys = {r.translation_key for item in items for r in item.resources.all()}
    pages = public_resources(keys, language or agenda.language)
    clock = datetime.datetime.combine(datetime.date(2000, 1, 1), agenda.starts_at)
    scheduled = []
    for item in items:
        ends = clock + datetime.timedelta(minutes=item.minutes)
        resources = [
            (r.translation_key, pages.get(r.translation_key)) for r in item.resources.all()
        ]
        scheduled.append(ScheduledItem(item=item, starts=clock, ends=ends, resources=resources))
        clock = ends
    total = sum(item.minutes for item in items)
    return Schedule(agenda=agenda, items=scheduled, total_minutes=total, ends=clock)
