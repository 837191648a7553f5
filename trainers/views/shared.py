"""Agendas by their shared link (readable signed out), copying one, and the agenda as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import agendas
from ..pdf import agenda_pdf


def shared(request, token):
    agenda = agendas.shared_agenda(token)
    return render(
        request,
        "trainers/agenda_shared.html",
        {
            "agenda": agenda,
            "schedule": agendas.schedule(agenda),
            "author": agendas.author_name(agenda),
            "is_owner": request.user.is_authenticated and request.user.pk == agenda.owner_id,
        },
    )


@login_required
@require_POST
def copy(request, token):
    agenda = agendas.shared_agenda(token)
    mine = agendas.copy_agenda(agenda, request.user)
    messages.success(request, _("A copy is now in your agendas. Changes to it are yours alone."))
    return redirect("trainers_agenda", pk=mine.pk)


def _pdf_response(agenda):
    buffer = agenda_pdf(agendas.schedule(agenda))
    name = slugify(agenda.title) or "agenda"
    return FileResponse(buffer, as_attachment=True, filename=f"{name}.pdf")


def shared_pdf(request, token):
    return _pdf_response(agendas.shared_agenda(token))


@login_required
def own_pdf(request, pk):
    return _pdf_response(agendas.own_agenda(request.user, pk))
