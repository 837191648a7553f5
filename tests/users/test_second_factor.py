"""No login path skips the second factor; codes are single use and backup codes hashed."""

from urllib.parse import urlparse

import pytest
from django.test import Client

from users.models import BackupCode

from .conftest import PASSWORD, totp_code
from .helpers import is_authenticated, post_login, reset_link_from_outbox

pytestmark = pytest.mark.django_db


def test_password_alone_does_not_sign_in_a_member_with_a_device(client, protected_member):
    response = post_login(client, "salma")
    assert response.status_code == 302
    assert response.url == "/en/accounts/2fa/authenticate/"
    assert not is_authenticated(client)
    assert client.get("/en/accounts/me/").status_code == 302


def test_code_completes_the_login_and_the_session_is_verified(client, protected_member):
    post_login(client, "salma")
    response = client.post(
        "/en/accounts/2fa/authenticate/", {"code": totp_code(protected_member.totp_device)}
    )
    assert response.status_code == 302
    assert is_authenticated(client)
    assert client.get("/en/accounts/me/").status_code == 200


def test_wrong_code_is_refused_with_a_message(client, protected_member):
    post_login(client, "salma")
    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "That code is wrong" in response.content.decode()
    assert not is_authenticated(client)


@pytest.mark.parametrize("kind", ["authenticator", "backup"])
def test_a_used_code_cannot_be_used_again(protected_member, kind):
    if kind == "authenticator":
        code = totp_code(protected_member.totp_device)
    else:
        code = protected_member.backup_codes[0]
    first = Client()
    post_login(first, "salma")
    first.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert is_authenticated(first)
    second = Client()
    post_login(second, "salma")
    second.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert not is_authenticated(second)


def test_backup_codes_are_not_stored_in_clear(protected_member):
    stored = list(BackupCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10
    plain = {code.replace("-", "") for code in protected_member.backup_codes}
    for value in stored:
        assert value not in plain
        assert not any(code in value for code in plain)


def test_a_session_that_skipped_the_second_factor_is_logged_out(client, protected_member):
    client.force_login(protected_member)  # as if some path had forgotten the stage
    response = client.get("/en/accounts/me/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    assert not is_authenticated(client)


def test_reset_without_the_code_fails_when_the_account_has_a_device(client, protected_member):
    client.post("/en/accounts/password/reset/", {"email": "salma@example.org"})
    link = urlparse(reset_link_from_outbox()).path
    form_url = client.get(link).url
    new_password = "a brand new passphrase 7"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password, "code": "123456"}
    )
    assert "That code is wrong" in response.content.decode()
    protected_member.refresh_from_db()
    assert protected_member.check_password(PASSWORD)


def test_reset_with_the_code_then_login_still_asks_for_the_code(client, protected_member):
    other_session = Client()
    post_login(other_session, "salma")
    other_session.post(
        "/en/accounts/2fa/authenticate/", {"code": totp_code(protected_member.totp_device)}
    )
    assert is_authenticated(other_session)

    client.post("/en/accounts/password/reset/", {"email": "salma@example.org"})
    form_url = client.get(urlparse(reset_link_from_outbox()).path).url
    new_password = "a brand new passphrase 7"
    response = client.post(
        form_url,
        {
            "password1": new_password,
            "password2": new_password,
            "code": totp_code(protected_member.totp_device),
        },
    )
    assert response.status_code == 302
    protected_member.refresh_from_db()
    assert protected_member.check_password(new_password)
    assert not is_authenticated(client)
    # Every other session of the member has ended.
    assert not is_authenticated(other_session)
    assert other_session.get("/en/accounts/me/").status_code == 302

    response = post_login(client, "salma", new_password)
    assert response.url == "/en/accounts/2fa/authenticate/"
    assert not is_authenticated(client)


def test_expired_reset_link_is_refused(client, protected_member, settings):
    client.post("/en/accounts/password/reset/", {"email": "salma@example.org"})
    link = urlparse(reset_link_from_outbox()).path
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = client.get(link, follow=True)
    assert "The password reset link was invalid" in response.content.decode()


def test_reset_links_expire_within_an_hour(settings):
    assert settings.PASSWORD_RESET_TIMEOUT <= 3600


def test_confirming_an_email_does_not_sign_in_without_the_code(client, protected_member):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = EmailAddress.objects.create(
        user=protected_member, email="salma2@example.org", verified=False
    )
    key = EmailConfirmationHMAC(address).key
    response = client.post(f"/en/accounts/confirm-email/{key}/")
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified
    assert not is_authenticated(client)


def test_turning_on_2fa_from_the_account_page(client, member):
    client.force_login(member)
    response = client.get("/en/accounts/2fa/setup/")
    assert response.status_code == 302  # re-authentication first
    assert "/accounts/reauthenticate/" in response.url
    client.post(response.url, {"password": PASSWORD})
    response = client.get("/en/accounts/2fa/setup/")
    page = response.content.decode()
    assert "<svg" in page and "api.qrserver" not in page
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=member)
    response = client.post("/en/accounts/2fa/setup/", {"code": "000000"})
    assert "That code is wrong" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a retry wait a second after a wrong code
    response = client.post("/en/accounts/2fa/setup/", {"code": totp_code(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    # The session that proved the code stays signed in.
    assert client.get("/en/accounts/me/").status_code == 200
    client.post("/en/accounts/2fa/remove/")
    assert not TOTPDevice.objects.filter(user=member).exists()
