"""The member's own agendas: list and create, edit, sessions and breaks, order, resources."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import agendas
from ..forms import AgendaForm, ItemEditForm, ItemForm
from ..models import Agenda
from ..resource_lookup import resource_by_key, resource_from_url, search_resources


@login_required
def my_agendas(request):
    form = AgendaForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        agenda = form.save(commit=False)
        agenda.owner = request.user
        agenda.save()
        messages.success(request, _("Agenda created. Add its sessions and breaks."))
        return redirect("trainers_agenda", pk=agenda.pk)
    own = Agenda.objects.filter(owner=request.user)
    return render(request, "trainers/my_agendas.html", {"agendas": own, "form": form})


def _edit_page(request, agenda, item_form=None, agenda_form=None, status=200):
    return render(
        request,
        "trainers/agenda_edit.html",
        {
            "agenda": agenda,
            "schedule": agendas.schedule(agenda),
            "agenda_form": agenda_form or AgendaForm(instance=agenda),
            "item_form": item_form or ItemForm(),
            "share_url": request.build_absolute_uri(
                reverse("trainers_shared", args=[agenda.share_token])
            )
            if agenda.share_token
            else "",
        },
        status=status,
    )


@login_required
def agenda_edit(request, pk):
    agenda = agendas.own_agenda(request.user, pk)
    if request.method == "POST":
        form = AgendaForm(request.POST, instance=agenda)
        if form.is_valid():
            form.save()
            messages.success(request, _("Agenda saved."))
            return redirect("trainers_agenda", pk=agenda.pk)
        agenda.refresh_from_db()
        return _edit_page(request, agenda, agenda_form=form, status=400)
    return _edit_page(request, agenda)


@login_required
@require_POST
def item_add(request, pk):
    agenda = agendas.own_agenda(request.user, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            agendas.add_item(agenda, data["kind"], data["title"], data["minutes"], data["notes"])
        except agendas.AgendaError as error:
            form.add_error("minutes", str(error))
        else:
            messages.success(request, _("Added to the agenda."))
            return redirect("trainers_agenda", pk=agenda.pk)
    # Refused: the page comes back with everything the member typed, and the reason.
    return _edit_page(request, agenda, item_form=form, status=400)


@login_required
def item_edit(request, pk):
    item = agendas.own_item(request.user, pk)
    form = ItemEditForm(
        request.POST or None,
        kind=item.kind,
        initial={"title": item.title, "minutes": item.minutes, "notes": item.notes},
    )
    found, query, status = [], request.GET.get("q", ""), 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                agendas.update_item(item, data["title"], data["minutes"], data["notes"])
            except agendas.AgendaError as error:
                form.add_error("minutes", str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("trainers_agenda", pk=item.agenda_id)
        status = 400
    elif query:
        found = search_resources(query, request.LANGUAGE_CODE)
    scheduled = next(
        s for s in agendas.schedule(item.agenda, request.LANGUAGE_CODE).items if s.item == item
    )
    return render(
        request,
        "trainers/item_edit.html",
        {"item": item, "form": form, "found": found, "query": query, "scheduled": scheduled},
        status=status,
    )


@login_required
@require_POST
def item_resources(request, pk):
    """Add a resource (chosen from the search results, or by its page's address) or remove one."""
    item = agendas.own_item(request.user, pk)
    action = request.POST.get("action")
    if action == "remove":
        item.resources.filter(pk=request.POST.get("resource") or 0).delete()
        messages.success(request, _("Resource removed from the session."))
        return redirect("trainers_item", pk=item.pk)
    if request.POST.get("key"):
        page = resource_by_key(request.POST["key"])
    else:
        page = resource_from_url(request.POST.get("url", ""))
    if page is None:
        messages.error(
            request,
            _(
                "No published resource was found at that address. Copy the address of a "
                "resource page of this library."
            ),
        )
    elif agendas.add_resource(item, page.translation_key):
        messages.success(request, _("“%(title)s” added to the session.") % {"title": page.title})
        if page.time_minutes:
            # What the resource says it takes, beside the session's own duration.
            messages.info(
                request,
                _("The resource says it takes %(time)s; this session lasts %(minutes)s min.")
                % {"time": page.time_label, "minutes": item.minutes},
            )
    else:
        messages.info(request, _("That resource is already in this session."))
    return redirect("trainers_item", pk=item.pk)


@login_required
@require_POST
def item_move(request, pk):
    item = agendas.own_item(request.user, pk)
    action = request.POST.get("action")
    if action in ("up", "down"):
        agendas.move_item(item, -1 if action == "up" else 1)
    elif action == "remove":
        item.delete()
        messages.success(request, _("Removed from the agenda."))
    return redirect(reverse("trainers_agenda", args=[item.agenda_id]) + "#items")


@login_required
@require_POST
def agenda_order(request, pk):
    """The order after dragging: a JSON list of item ids (or form fields `item`)."""
    agenda = agendas.own_agenda(request.user, pk)
    if request.content_type == "application/json":
        try:
            ids = json.loads(request.body or b"[]")
        except ValueError:
            return HttpResponseBadRequest(_("The new order could not be read."))
        if not isinstance(ids, list):
            return HttpResponseBadRequest(_("The new order could not be read."))
        agendas.reorder(agenda, ids)
        return JsonResponse({"ok": True})
    agendas.reorder(agenda, request.POST.getlist("item"))
    return redirect("trainers_agenda", pk=agenda.pk)


@login_required
@require_POST
def agenda_share(request, pk):
    agenda = agendas.own_agenda(request.user, pk)
    if request.POST.get("action") == "stop":
        agendas.stop_sharing(agenda)
        messages.success(request, _("The old link no longer works."))
    else:
        agendas.share(agenda)
        messages.success(request, _("Anyone with the link can now read this agenda."))
    return redirect("trainers_agenda", pk=agenda.pk)


@login_required
@require_POST
def agenda_delete(request, pk):
    agenda = agendas.own_agenda(request.user, pk)
    agenda.delete()
    messages.success(request, _("Agenda deleted."))
    return redirect("trainers_my_agendas")
