"""The trainers' toolkit under /en/ and /ar/: the workshop planner and offline packs."""

from django.urls import path

from .views import agendas, packs, shared

urlpatterns = [
    path("workshops/", agendas.my_agendas, name="trainers_my_agendas"),
    path("workshops/<int:pk>/", agendas.agenda_edit, name="trainers_agenda"),
    path("workshops/<int:pk>/items/", agendas.item_add, name="trainers_item_add"),
    path("workshops/<int:pk>/order/", agendas.agenda_order, name="trainers_agenda_order"),
    path("workshops/<int:pk>/share/", agendas.agenda_share, name="trainers_agenda_share"),
    path("workshops/<int:pk>/delete/", agendas.agenda_delete, name="trainers_agenda_delete"),
    path("workshops/<int:pk>/pdf/", shared.own_pdf, name="trainers_agenda_pdf"),
    path("workshops/items/<int:pk>/", agendas.item_edit, name="trainers_item"),
    path("workshops/items/<int:pk>/move/", agendas.item_move, name="trainers_item_move"),
    path(
        "workshops/items/<int:pk>/resources/",
        agendas.item_resources,
        name="trainers_item_resources",
    ),
    path("workshops/shared/<str:token>/", shared.shared, name="trainers_shared"),
    path("workshops/shared/<str:token>/copy/", shared.copy, name="trainers_shared_copy"),
    path("workshops/shared/<str:token>/pdf/", shared.shared_pdf, name="trainers_shared_pdf"),
    path("packs/signing-key/", packs.signing_key, name="trainers_signing_key"),
    path("packs/<slug:kind>/<str:ident>/", packs.pack_page, name="trainers_pack"),
    path(
        "packs/<slug:kind>/<str:ident>/download/",
        packs.pack_download,
        name="trainers_pack_download",
    ),
]
