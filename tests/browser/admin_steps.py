"""Steps staff take in the Wagtail admin, shared by the browser journeys: staff accounts with an
authenticator, signing in through the site's login and its second-factor stage.

The admin speaks Arabic here: every staff account made by `make_staff` prefers Arabic in its
Wagtail profile, so the journeys also prove the admin works right to left.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from community.submissions import default_workflow

PASSWORD = "a long staff passphrase 42"
TIMEOUT = 20_000  # ms: the machine is shared and loaded; a step that takes longer has failed


def moderators_group():
    """Wagtail's Moderators as its migrations and wagtail-localize's make them (a flushed test
    database lost them): the moderation workflow's reviewers, who enter the admin, edit and
    publish the whole tree, and submit pages for translation."""
    default_workflow()  # (re)creates Moderators, its page permissions and the workflow
    moderators = Group.objects.get(name="Moderators")
    translation_type, _created = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    submit_translation, _created = Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    moderators.permissions.add(submit_translation)
    return moderators


def project_group(name, codename):
    """A group holding one of the project's own permissions (README: Settings → Groups)."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="curation", codename=codename)
    )
    return group


def curator_groups():
    """A curator reviews in the moderation workflow and uses the curators' reports and tools."""
    return [moderators_group(), project_group("Curators", "use_curation_tools")]


def translator_groups():
    """A translator publishes translations and uses the translation status report."""
    return [moderators_group(), project_group("Translators", "use_translation_tools")]


def make_staff(username, groups):
    """A staff member of `groups` whose admin speaks Arabic and who has an authenticator app;
    returns (user, its TOTP device)."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(*groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def current_code(device):
    """The code the staff member's authenticator app shows now (one not used before)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step_now = totp.t()
    target = max(step_now, device.last_t + 1)
    totp.time = device.t0 + target * device.step + 1
    return f"{totp.token():0{device.digits}d}"


def sign_in_to_admin(page, base, user, device, shots):
    """Open /admin/ as a stranger, sign in on the site's login page, give the authenticator's
    code at the second-factor stage and arrive on the Arabic dashboard."""
    page.goto(f"{base}/admin/")
    page.wait_for_selector("input[name=login]")
    shots.take(page, "login")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.wait_for_selector("input[name=code]")
    shots.take(page, "second-factor")
    page.fill("input[name=code]", current_code(device))
    page.click("main form button[type=submit]:not([name=cancel])")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.wait_for_selector("main")
    assert "لوحة التحكم" in page.title()  # the dashboard, in Arabic
    assert_admin_in_arabic(page)
    shots.take(page, "dashboard")


def assert_admin_in_arabic(page):
    """The admin page is laid out right to left and speaks Arabic."""
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"


def open_translate_action(page, base, source_page, shots):
    """From the page's editor, the header's “Translate this page” (wagtail-localize), choose
    Arabic and submit: the translation editor opens."""
    page.goto(f"{base}/admin/pages/{source_page.pk}/edit/")
    page.wait_for_selector("form#page-edit-form")
    assert_admin_in_arabic(page)
    header_action(page, "ترجمة هذه الصفحة")
    page.wait_for_url(re.compile(r"/admin/localize/submit/page/"))
    page.get_by_label("العربية").check()
    shots.take(page, "translate-choose-locale")
    page.locator("main input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_role("button", name="نشر في العربية").wait_for()
    assert_admin_in_arabic(page)


def translate_segments(page, translations, shots):
    """In wagtail-localize's editor, give each source string its Arabic translation (click
    “Translate”, type, “Save”), then publish in Arabic."""
    for source, arabic in translations.items():
        segment = page.locator("li", has=page.get_by_text(source, exact=True)).last
        segment.get_by_role("button", name="ترجمة", exact=True).click()
        segment.locator("textarea").fill(arabic)
        segment.get_by_role("button", name="حفظ", exact=True).click()
        # Saved once the segment offers “Edit” again (it shows “Saving…” until the server
        # answered); publishing before that would publish the English text.
        segment.get_by_role("button", name="تحرير", exact=True).wait_for()
        segment.get_by_text(arabic, exact=True).wait_for()
    shots.take(page, "translated-segments")
    page.get_by_role("button", name="نشر في العربية").click()
    page.wait_for_selector(".messages .success")


def publish_in_editor(page):
    """The editor's footer: open the action menu beside “Save draft” and choose “Publish”."""
    footer = page.locator("footer")
    footer.locator(".dropdown-toggle, [data-w-dropdown-target=toggle]").first.click()
    footer.get_by_role("button", name="نشر", exact=True).click()
    page.wait_for_selector(".messages .success")


def header_action(page, label):
    """Choose `label` in the page header's “⋯” menu (the explorer's and the editor's)."""
    page.locator("header").get_by_role(
        "button", name=re.compile("الإجراءات|إجراءات|المزيد")
    ).first.click()
    page.get_by_role("link", name=label, exact=True).click()
