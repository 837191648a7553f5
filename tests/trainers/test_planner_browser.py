"""The planner in the real Chromium, in Arabic: dragging a session reorders the agenda and
its times, and the up/down buttons do the same from the keyboard."""

import time

import pytest

from tests.browser.steps import sign_in
from trainers.models import Agenda, AgendaItem

from .conftest import PASSWORD, make_member


def _titles(agenda):
    return list(AgendaItem.objects.filter(agenda=agenda).values_list("title", flat=True))


def _wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def agenda(live_site):
    """Made before the browser starts (see test_pack_offline.offline_pack)."""
    member = make_member()
    agenda = Agenda.objects.create(owner=member, title="ورشة", language="ar")
    for position, title in enumerate(["الأولى", "الثانية", "الثالثة"]):
        AgendaItem.objects.create(agenda=agenda, title=title, minutes=30, position=position)
    return agenda


def test_drag_and_keyboard_reorder_the_agenda_in_arabic(agenda, live_site, chromium):
    base = live_site.url
    page = chromium.new_context().new_page()
    page.goto(f"{base}/ar/")
    sign_in(page, "ar", agenda.owner.username, password=PASSWORD)
    page.goto(f"{base}/ar/workshops/{agenda.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("[data-drag-help]").is_visible()

    items = page.locator("[data-item]")
    with page.expect_navigation():  # the page reloads with the new times
        items.nth(2).drag_to(items.nth(0), target_position={"x": 20, "y": 5})
    assert _wait_for(lambda: _titles(agenda) == ["الثالثة", "الأولى", "الثانية"]), _titles(agenda)
    first = page.locator("[data-item]").first
    assert "09:00–09:30" in first.inner_text() and "الثالثة" in first.inner_text()

    # From the keyboard: focus "Move later" on the first item and press Enter.
    button = page.locator("[data-item]").first.get_by_role("button", name="انقله إلى الخلف")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _wait_for(lambda: _titles(agenda) == ["الأولى", "الثالثة", "الثانية"]), _titles(agenda)
