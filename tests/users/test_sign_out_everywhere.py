"""Sign out everywhere and leave nothing behind: open sessions by day only, ending others or
all, Clear-Site-Data on sign-out, no-store on every signed-in page, and password or 2FA changes
ending the other sessions. Two browsers are two test clients signed in over HTTP."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils.translation import gettext, override

from users.sessions import LAST_USED_DAY_KEY

from .conftest import PASSWORD, give_second_factor, totp_code
from .helpers import is_authenticated, post_login


@pytest.fixture
def two_browsers(member):
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        post_login(browser, member.username)
        assert is_authenticated(browser)
    return laptop, phone


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_member_sees_how_many_sessions_are_open_and_only_the_day(two_browsers, lang):
    laptop, _phone = two_browsers
    response = laptop.get(f"/{lang}/accounts/me/sessions/")
    assert response.status_code == 200
    listed = response.context["open_sessions"]
    assert len(listed) == 2 and listed[0]["current"] and not listed[1]["current"]
    assert all(session["last_used"] is not None for session in listed)
    # What is kept about a session is the day, nothing about the device or network.
    for session in Session.objects.all():
        data = session.get_decoded()
        assert len(data[LAST_USED_DAY_KEY]) == len("2026-12-07")
        assert not any("127.0.0.1" in str(value) for value in data.values())
    page = response.content.decode()
    listing = page[
        page.index('<ul class="session-list">') : page.index("</ul>", page.index("session-list"))
    ]
    assert listing.count("<li>") == 2
    assert "Mozilla" not in listing and "127.0.0.1" not in listing


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_ending_the_other_sessions_keeps_this_one(two_browsers, lang):
    laptop, phone = two_browsers
    response = laptop.post(f"/{lang}/accounts/me/sessions/", {"end": "others"})
    assert response.status_code == 302
    assert is_authenticated(laptop)
    assert phone.get(f"/{lang}/accounts/me/").status_code == 302  # sent to sign in
    assert len(laptop.get(f"/{lang}/accounts/me/sessions/").context["open_sessions"]) == 1
    # Twice is harmless.
    assert laptop.post(f"/{lang}/accounts/me/sessions/", {"end": "others"}).status_code == 302


def test_signing_out_everywhere_ends_this_session_too_and_clears_the_browser(two_browsers):
    laptop, phone = two_browsers
    response = laptop.post("/ar/accounts/me/sessions/", {"end": "all"})
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    landing = laptop.get(response.url)
    assert landing["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert not is_authenticated(laptop) and not is_authenticated(phone)
    assert Session.objects.filter(session_key=phone.session.session_key).count() == 0
    # Ending sessions again once signed out only asks to sign in.
    assert laptop.post("/ar/accounts/me/sessions/", {"end": "all"}).status_code == 302


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_signing_out_sends_clear_site_data_and_no_store(client, member, lang):
    post_login(client, member.username, lang=lang)
    response = client.post(f"/{lang}/accounts/logout/")
    # The redirect keeps cookies a moment so the sign-out message reaches the next page...
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "no-store" in response["Cache-Control"]
    assert not is_authenticated(client)
    # ...which shows it and then has the browser drop the site's cookies too.
    landing = client.get(response.url)
    assert response.url == f"/{lang}/accounts/signed-out/"
    assert landing["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    shown = [str(message) for message in landing.context["messages"]]
    with override(lang):
        assert shown[-1] == gettext("You have signed out.")


@pytest.mark.parametrize(
    "path", ["/{lang}/accounts/me/", "/{lang}/", "/{lang}/library/", "/{lang}/search/?q=privacy"]
)
def test_every_page_a_member_sees_signed_in_is_not_stored(client, member, path):
    post_login(client, member.username)
    for lang in ("en", "ar"):
        response = client.get(path.format(lang=lang))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_signed_out_public_pages_stay_cacheable(client, member):
    response = client.get("/en/library/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Clear-Site-Data" not in response


def test_changing_the_password_ends_the_other_sessions(two_browsers, member):
    laptop, phone = two_browsers
    new_password = "a different long passphrase 77"
    response = laptop.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert not is_authenticated(phone)


def test_turning_on_two_factor_ends_the_other_sessions(two_browsers, member):
    laptop, phone = two_browsers
    laptop.get("/en/accounts/2fa/setup/")  # re-authentication first
    laptop.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    laptop.get("/en/accounts/2fa/setup/")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=member)
    response = laptop.post("/en/accounts/2fa/setup/", {"code": totp_code(device)})
    assert response.status_code == 200
    assert is_authenticated(laptop)
    assert not is_authenticated(phone)


def test_turning_off_two_factor_ends_the_other_sessions(member):
    device, _codes = give_second_factor(member)
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        post_login(browser, member.username)
        browser.post("/en/accounts/2fa/authenticate/", {"code": totp_code(device)})
        assert is_authenticated(browser)
    laptop.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    laptop.post("/en/accounts/2fa/remove/")
    assert is_authenticated(laptop)
    assert not is_authenticated(phone)
