"""Pseudonyms, data export, account deletion, the privacy page, and the whole journey in Arabic."""

import json
import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from users.models import BackupCode, BackupCodeDevice, User

from .conftest import PASSWORD, give_second_factor, make_member, totp_code
from .helpers import (
    is_authenticated,
    post_login,
    reset_link_from_outbox,
    text_columns_containing,
)

pytestmark = pytest.mark.django_db


def signup(client, username, password=PASSWORD, email="", lang="en"):
    return client.post(
        f"/{lang}/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password},
    )


@pytest.mark.parametrize(
    "username, reason",
    [
        ("nad\u0456a", "Use only letters"),  # Cyrillic і among Latin letters
        ("nadiaنادية", "not both"),
        ("nadia salem", "Use only letters"),
        ("NADlA", "looks too much like"),  # capital I/l confusion with nadia
        ("nad1a", "looks too much like"),
        ("n" * 151, "at most 150 characters"),
    ],
)
def test_odd_or_look_alike_usernames_are_refused_with_a_reason(client, member, username, reason):
    response = signup(client, username)
    page = response.content.decode()
    assert response.status_code == 200
    assert reason in page
    assert User.objects.count() == 1 + User.objects.exclude(username="nadia").count() - 0
    assert not User.objects.filter(username=username).exists()
    # What was typed stays in the form; the password does not.
    assert PASSWORD not in page


def test_arabic_look_alike_of_a_taken_arabic_name_is_refused(client):
    make_member("ليلى")
    response = signup(client, "ليلي", lang="ar")
    assert not User.objects.filter(username="ليلي").exists()
    assert response.status_code == 200


def test_weak_passwords_are_refused_in_the_members_language(client):
    response = signup(client, "karim", password="password123", lang="ar")
    assert "شائعة جدًا" in response.content.decode() or "شائعة" in response.content.decode()
    response = signup(client, "karimsalem", password="karimsalem1", lang="en")
    assert "too similar to the username" in response.content.decode()
    assert not User.objects.filter(username__startswith="karim").exists()


def test_signup_without_email_explains_recovery_by_backup_codes(client):
    page = client.get("/en/accounts/signup/").content.decode()
    assert "backup codes" in page
    assert "real name" in page
    response = signup(client, "pseudonym")
    assert response.status_code == 302
    assert User.objects.get(username="pseudonym").email == ""


def test_export_contains_the_members_data_and_nothing_of_others(client):
    mine = make_member("nadia", email="nadia@example.org", display_name="N.", bio="trainer")
    give_second_factor(mine)
    make_member("omar", email="omar@example.org", display_name="Omar", bio="other bio")
    post_login(client, "nadia")
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(mine.totpdevice_set.get())})
    response = client.get("/en/accounts/me/data/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["username"] == "nadia"
    assert data["account"]["bio"] == "trainer"
    assert data["email_addresses"][0]["email"] == "nadia@example.org"
    assert {d["name"] for d in data["two_factor_devices"]} == {"default", "backup"}
    assert data["privacy_choices"]["show_bio"] is False
    text = response.content.decode()
    assert "omar" not in text.lower() and "other bio" not in text
    device = mine.totpdevice_set.get()
    assert device.key not in text  # no secrets


def test_privacy_choices_are_saved(client, member):
    client.force_login(member)
    response = client.post(
        "/en/accounts/me/profile/",
        {"display_name": "N", "bio": "x" * 1001, "show_bio": "on"},
    )
    assert "at most 1000 characters" in response.content.decode()
    member.refresh_from_db()
    assert not member.show_bio  # nothing half-saved
    client.post("/en/accounts/me/profile/", {"display_name": "N", "bio": "hi", "show_bio": "on"})
    member.refresh_from_db()
    assert member.show_bio and member.bio == "hi"


def test_deleting_the_account_leaves_no_personal_data(client, protected_member):
    protected_member.display_name = "Salma the trainer"
    protected_member.bio = "Works in Aleppo"
    protected_member.save()
    user_id = protected_member.pk
    post_login(client, "salma")
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(protected_member.totp_device)})
    response = client.get("/en/accounts/me/delete/")
    assert response.status_code == 200
    response = client.post("/en/accounts/me/delete/", {"contributions": "delete"})
    assert "/accounts/reauthenticate/" in response.url  # password again before deleting
    client.post(response.url, {"password": PASSWORD})
    response = client.post("/en/accounts/me/delete/", {"contributions": "delete"})
    assert "This field is required" in response.content.decode()
    assert User.objects.filter(pk=user_id).exists()
    response = client.post(
        "/en/accounts/me/delete/", {"contributions": "anonymise", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()
    assert not TOTPDevice.objects.filter(user_id=user_id).exists()
    assert not BackupCodeDevice.objects.filter(user_id=user_id).exists()
    assert not BackupCode.objects.exists()
    assert not is_authenticated(client)
    assert not any(
        str(s.get_decoded().get("_auth_user_id")) == str(user_id) for s in Session.objects.all()
    )
    assert text_columns_containing("salma", "Salma the trainer", "Works in Aleppo") == []


def test_privacy_page_exists_in_both_languages(client):
    english = client.get("/en/privacy/")
    assert english.status_code == 200
    assert "IP address" in english.content.decode()
    arabic = client.get("/ar/privacy/")
    assert arabic.status_code == 200
    assert "عنوان IP" in arabic.content.decode()


def test_the_whole_journey_in_arabic():
    """A new member, in Arabic: pseudonym, 2FA, sign out, sign in with a code, reset the
    password with email + code, download the data, delete the account."""
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    response = signup(client, "نسمة_الحرية", email="nasma@example.org", lang="ar")
    assert response.status_code == 302
    member = User.objects.get(username="نسمة_الحرية")
    assert is_authenticated(client)
    EmailAddress.objects.filter(user=member).update(verified=True)

    page = client.get("/ar/accounts/me/").content.decode()
    assert 'dir="rtl"' in page
    response = client.get("/ar/accounts/2fa/setup/")
    client.post(response.url, {"password": PASSWORD})  # re-authentication
    page = client.get("/ar/accounts/2fa/setup/").content.decode()
    key = re.search(r'<code class="manual-key" dir="ltr">([^<]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=member)
    assert key.replace(" ", "")  # the manual key is shown
    response = client.post("/ar/accounts/2fa/setup/", {"code": totp_code(device)})
    codes = response.context["codes"]
    assert len(codes) == 10

    client.post("/ar/accounts/logout/")
    assert not is_authenticated(client)
    response = post_login(client, "نسمة_الحرية", lang="ar")
    assert response.url == "/ar/accounts/2fa/authenticate/"
    client.post("/ar/accounts/2fa/authenticate/", {"code": totp_code(device)})
    assert is_authenticated(client)
    client.post("/ar/accounts/logout/")

    client.post("/ar/accounts/password/reset/", {"email": "nasma@example.org"})
    form_url = client.get(urlparse(reset_link_from_outbox()).path).url
    new_password = "كلمة مرور جديدة وطويلة 2024"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password, "code": codes[0]}
    )
    assert response.status_code == 302, response.context["form"].errors
    post_login(client, "نسمة_الحرية", new_password, lang="ar")
    # A backup code this time: TOTP accepts one code per 30-second step and one step ahead.
    client.post("/ar/accounts/2fa/authenticate/", {"code": codes[1]})
    assert is_authenticated(client)

    data = json.loads(client.get("/ar/accounts/me/data/").content)
    assert data["account"]["username"] == "نسمة_الحرية"

    assert client.get("/ar/accounts/me/delete/").status_code == 200
    response = client.post("/ar/accounts/me/delete/", {"contributions": "delete", "confirm": "on"})
    assert "/accounts/reauthenticate/" in response.url  # confirm the password first
    client.post(response.url, {"password": new_password})
    response = client.post("/ar/accounts/me/delete/", {"contributions": "delete", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
