"""Members racing for the last places of a program never overfill it."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from programs import services
from programs.models import Enrolment
from sitebuild.site_structure import ensure_site

from .conftest import build_program, make_member


@pytest.mark.django_db(transaction=True)
def test_twenty_members_racing_for_five_places_fill_exactly_five():
    ensure_site()
    program = build_program(weeks=1, capacity=5)
    members = [make_member(f"racer{i}") for i in range(20)]
    start = threading.Barrier(10)
    outcomes = []

    def try_to_enrol(member):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=5)
            try:
                services.enrol(member, program)
                outcomes.append("enrolled")
            except services.Refused as refusal:
                outcomes.append(refusal.message)
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(try_to_enrol, members))

    assert outcomes.count("enrolled") == 5
    assert outcomes.count("This program is full: all 5 places are taken.") == 15
    numbers = sorted(Enrolment.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
