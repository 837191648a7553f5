"""The curation admin's staff as the issue 21 probe met them (tests/security/test_probe3_*.py):
signed in with a second factor, a translator with only the translation tools, a superuser,
and a resource in both languages."""

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from home.models import HomePage


def signed_in(user, lang="en"):
    """A client for `user` that passed the second factor, its admin speaking `lang`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def translators_group():
    """The probe's account: admin access and the translation tools, no page permission."""
    group, _created = Group.objects.get_or_create(name="Offline translators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="curation", codename="use_translation_tools"
        ),
    )
    return group


def grant_arabic_editing(user):
    """Add and edit (not publish) pages of the Arabic tree, as a translator is usually set up."""
    group, _created = Group.objects.get_or_create(name="Arabic editors")
    arabic_home = HomePage.objects.get(locale__language_code="ar")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=arabic_home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
