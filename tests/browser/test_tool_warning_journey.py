"""The “done when” of tool warnings, in Chromium, in Arabic: a curator marks a tool unsafe with a
safer alternative in the Wagtail admin; a signed-out reader meets the warning on the search
results, the resource page and a public collection holding it; a member who saved the tool
sees the notice."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from community.models import Collection, CollectionItem
from search import indexing

from .admin_steps import TIMEOUT, curator_groups, make_staff, sign_in_to_admin
from .steps import PASSWORD, publish_resource, sign_in

NOTE_AR = "صودرت خوادم الشركة؛ يمكن قراءة الرسائل."


@pytest.fixture
def page(browser_page):
    browser_page.set_default_timeout(TIMEOUT)
    return browser_page


@pytest.fixture
def shots(request, page, screenshot):
    screenshots = SimpleNamespace(take=screenshot)
    yield screenshots
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshots.take(page, "failed")


def tool_warnings_group():
    group, _created = Group.objects.get_or_create(name="Tool warnings")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="safety", codename__endswith="status")
    )
    return group


def choose_page(page, field, title):
    """Wagtail's page chooser of `field`: open it, search for `title`, pick it."""
    page.locator(f"#id_{field}-chooser button.chooser__choose-button").first.click()
    dialog = page.locator(".modal-dialog")
    dialog.wait_for()
    dialog.locator("input[name=q]").fill(title)
    dialog.get_by_role("link", name=title, exact=True).first.click()
    dialog.wait_for(state="hidden")


def test_curator_marks_a_tool_unsafe_in_arabic_and_readers_meet_the_warning(
    live_site, search_engine, page, shots, new_context
):
    base = live_site.url
    tool = publish_resource("Leaky Chat", "الدردشة المسربة", "privacy", slug="leaky-chat")
    alternative = publish_resource(
        "Safe Messenger", "المراسل الآمن", "privacy", slug="safe-messenger"
    )
    indexing.update({tool.english.translation_key, alternative.english.translation_key})
    search_engine.refresh()
    member = get_user_model().objects.create_user("saver", password=PASSWORD)
    collection = Collection.objects.create(owner=member, name="عدّتي", is_public=True)
    CollectionItem.objects.create(
        collection=collection, translation_key=tool.english.translation_key
    )
    curator, device = make_staff("curator", [*curator_groups(), tool_warnings_group()])

    sign_in_to_admin(page, base, curator, device, shots)
    page.goto(f"{base}/admin/snippets/safety/toolstatus/add/")
    choose_page(page, "resource", "الدردشة المسربة")
    page.select_option("select[name=status]", "unsafe")
    page.fill("textarea[name=note_en]", "The vendor's servers were seized.")
    page.fill("textarea[name=note_ar]", NOTE_AR)
    choose_page(page, "alternative", "المراسل الآمن")
    shots.take(page, "status-form")
    page.locator("button.action-save").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/safety/toolstatus/$"))
    assert "الدردشة المسربة" in page.locator("main").inner_text()

    reader = new_context().new_page()
    reader.goto(f"{base}/ar/search/?q=" + "الدردشة")
    warning = reader.locator(".search-result aside.tool-warning").first
    assert "غير آمنة" in warning.inner_text()
    reader.goto(f"{base}{tool.url_in('ar')}")
    box = reader.locator("aside.tool-warning")
    assert NOTE_AR in box.inner_text()
    assert box.get_by_role("link", name="المراسل الآمن").count() == 1
    reader.goto(f"{base}/ar/collections/{collection.pk}/")
    assert NOTE_AR in reader.locator("aside.tool-warning").inner_text()
    shots.take(reader, "collection-warning")

    saver = new_context().new_page()
    saver.set_default_timeout(TIMEOUT)
    saver.goto(f"{base}/ar/")
    sign_in(saver, "ar", "saver")
    saver.wait_for_url(re.compile(r"/ar/"))
    saver.goto(f"{base}/ar/my/library/")
    notice = saver.locator(".tool-warning-notice")
    assert NOTE_AR in notice.inner_text()
    shots.take(saver, "member-notice")
