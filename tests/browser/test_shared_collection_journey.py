"""Curating together in real Chromium, in Arabic: member A invites B to co-edit a collection,
B accepts on their own page and adds a resource (credited to B); member C follows a category,
chooses a weekly digest, and the next digest lists the new resource and unsubscribes without
signing in. Every step is photographed to .build/screenshots/<test>/."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from community import digests
from library.models import ResourcePage

from . import steps
from .steps import assert_message, assert_page_language, header_link, press, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALE = "ar"
COLLECTION = "حقيبة المدربين"


def member(username, show_collections=True):
    return get_user_model().objects.create_user(
        username=username, password=steps.PASSWORD, show_collections=show_collections
    )


def test_members_curate_together_in_arabic(live_site, new_context, screenshot, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # no engine needed here
    settings.WAGTAILADMIN_BASE_URL = live_site.url
    base = live_site.url
    manual = steps.publish_resource(
        "Holistic Security Manual", "دليل الأمن الشامل", "digital-security"
    )
    member("amal_a")
    member("basel_b")
    carol = member("carol_c", show_collections=False)
    EmailAddress.objects.create(user=carol, email="carol@example.org", verified=True, primary=True)

    # 1. A makes a collection and invites B by username.
    a = new_context(1280, locale=LOCALE).new_page()
    a.goto(f"{base}/{LOCALE}/")
    steps.sign_in(a, LOCALE, "amal_a")
    header_link(a, text(LOCALE, "My library"))
    a.locator("form.member-form input[name=name]").fill(COLLECTION)
    a.check("form.member-form input[name=is_public]")
    press(a, "form.member-form", text(LOCALE, "Create collection"))
    assert_page_language(a, LOCALE)
    collection_path = steps.path_of(a)
    with a.expect_navigation():
        a.get_by_role("link", name=text(LOCALE, "Editors"), exact=True).click()
    a.fill("#invite-username", "basel_b")
    press(a, "main form.member-form", text(LOCALE, "Invite"))
    assert_message(
        a, text(LOCALE, "Invitation sent. It waits on the member's own “Invitations” page.")
    )
    assert "basel_b" in a.locator("main .editor-list").inner_text()
    screenshot(a, "a-invited-b")

    # 2. B sees the invitation in their library, accepts, and saves a resource into it.
    b = new_context(390, locale=LOCALE).new_page()
    b.goto(f"{base}/{LOCALE}/")
    steps.sign_in(b, LOCALE, "basel_b")
    header_link(b, text(LOCALE, "My library"))
    notice = steps.plural(
        LOCALE,
        "%(counter)s invitation to co-edit a collection is waiting for your answer.",
        "%(counter)s invitations to co-edit collections are waiting for your answer.",
        1,
    )
    with b.expect_navigation():
        b.get_by_role("link", name=notice).click()
    assert COLLECTION in b.locator("main .invitation-list").inner_text()
    screenshot(b, "b-invitation")
    press(b, "main .invitation-list", text(LOCALE, "Accept"))
    assert steps.path_of(b) == collection_path
    assert_message(b, text(LOCALE, "You now co-edit “%(collection)s”.", collection=COLLECTION))
    b.goto(f"{base}{manual.url_in(LOCALE)}")
    b.select_option("#save-collection", label=COLLECTION)
    press(b, "form.save-form", text(LOCALE, "Save"))
    assert_message(b, text(LOCALE, "Saved to “%(collection)s”.", collection=COLLECTION))
    b.goto(f"{base}{collection_path}")
    assert b.locator(".collection-item__title").all_inner_texts() == [manual.title_in(LOCALE)]
    added_by = text(LOCALE, "Added by %(name)s", name="basel_b")
    assert b.locator(".collection-item__added-by").inner_text().strip() == added_by.replace(
        "basel_b", text(LOCALE, "you")
    )
    screenshot(b, "b-added-an-item")

    # A sees B's item, credited to B, and B's steps in the activity list.
    a.goto(f"{base}{collection_path}")
    assert a.locator(".collection-item__added-by").inner_text().strip() == added_by
    activity = a.locator(".collection-activity").inner_text()
    assert text(LOCALE, "added a resource") in activity
    assert text(LOCALE, "joined as an editor") in activity
    screenshot(a, "a-sees-b-item")

    # 3. C follows the category and chooses a weekly digest in Arabic.
    c = new_context(1280, locale=LOCALE).new_page()
    c.goto(f"{base}/{LOCALE}/")
    steps.sign_in(c, LOCALE, "carol_c")
    c.goto(f"{base}/{LOCALE}/categories/digital-security/")
    press(c, "main .follow", text(LOCALE, "Follow"))
    assert text(LOCALE, "You follow this.") in c.locator("main .follow").inner_text()
    screenshot(c, "c-follows-category")
    header_link(c, text(LOCALE, "New for you"))
    with c.expect_navigation():
        c.get_by_role("link", name=text(LOCALE, "What you follow, and e-mail digests")).click()
    c.check("#frequency-weekly")
    c.select_option("#digest-language", "ar")
    press(c, "main form.member-form", text(LOCALE, "Save"))
    assert_message(c, text(LOCALE, "Your digest choice is saved."))
    screenshot(c, "c-weekly-digest")

    # 4. A new resource is published in the category; the next weekly digest lists it.
    new = steps.publish_resource(
        "Threat modelling for small newsrooms",
        "نمذجة التهديدات لغرف الأخبار الصغيرة",
        "digital-security",
    )
    ResourcePage.objects.filter(translation_key=new.english.translation_key).update(
        first_published_at=timezone.now() + timedelta(minutes=1)
    )
    assert digests.send_due_digests(timezone.now() + timedelta(days=7)) == 1
    message = mail.outbox[-1]
    assert message.to == ["carol@example.org"]
    assert "نمذجة التهديدات لغرف الأخبار الصغيرة" in message.body
    assert "Threat modelling" not in message.body  # in C's language
    html = message.alternatives[0][0]
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    assert unsubscribe in html

    # The digest's own page opens for a reader who is not signed in, and unsubscribes.
    reader = new_context(390, locale=LOCALE).new_page()
    reader.goto(re.sub(r"^https?://[^/]+", base, unsubscribe))
    assert_page_language(reader, LOCALE)
    press(reader, "main", text(LOCALE, "Unsubscribe"))
    done = text(
        LOCALE,
        "Done: you will get no more digests. You can choose one again on your “Following and "
        "digests” page.",
    )
    assert done in reader.locator("main").inner_text()
    screenshot(reader, "unsubscribed")
    assert digests.choices_for(carol).frequency == "never"
