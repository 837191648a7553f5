"""Regressions for what the outside security probes found (issue 8), each written the way the
attacker or the member met it: over HTTP, with decoded session data, in both languages."""

import json
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.views import LoginView
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import get_resolver

from users.models import User
from users.sessions import end_sessions

from .conftest import PASSWORD, make_member, totp_code
from .helpers import is_authenticated, post_login, reset_link_from_outbox, text_columns_containing
from .test_security import _walk

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"
FORWARDED = "198.51.100.23"
AGENT = "ProbeAgent/1.0 (unique-agent-marker)"


def decoded_sessions():
    return [session.get_decoded() for session in Session.objects.all()]


# --- 0. Every login path is the site's login --------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_wagtails_private_page_login_cannot_be_used_to_guess_passwords(client, member, lang):
    statuses = [
        client.post(f"/{lang}/_util/login/", {"username": "nadia", "password": f"wrong {i}"})
        for i in range(25)
    ]
    assert {response.status_code for response in statuses} == {302}
    assert all("/accounts/login/" in response.url for response in statuses)
    response = client.post(f"/{lang}/_util/login/", {"username": "nadia", "password": PASSWORD})
    assert not is_authenticated(client)
    # The only thing it does is send the visitor to the real login, keeping their way back.
    response = client.get(f"/{lang}/_util/login/?next=/{lang}/members-only/")
    assert response.url == f"/{lang}/accounts/login/?next=%2F{lang}%2Fmembers-only%2F"


def test_every_route_to_a_password_login_view_leads_to_the_sites_login(member):
    """Walks the URL patterns (Wagtail's and the admin's included) for Django login views and
    attacks each one: the right password must not sign anyone in there."""
    routes = {
        route.removeprefix("en/").removeprefix("ar/")
        for route, callback in _walk(get_resolver())
        if issubclass(getattr(callback, "view_class", object), LoginView)
    }
    assert {"admin/login/", "_util/login/"} <= routes  # the walk sees them
    for route in routes:
        paths = [f"/{route}"] if route.startswith("admin/") else [f"/en/{route}", f"/ar/{route}"]
        for path in paths:
            client = Client()
            response = client.post(path, {"username": "nadia", "password": PASSWORD})
            assert response.status_code == 302, path
            assert "/accounts/login/" in response.url, path
            assert not is_authenticated(client), path


@pytest.mark.parametrize(
    "url", ["/en/_util/authenticate_with_password/1/1/", "/documents/authenticate_with_password/1/"]
)
def test_page_and_document_passwords_limit_guesses(client, url):
    statuses = [client.post(url, {"password": "guess"}).status_code for _i in range(12)]
    assert statuses[-1] == 429


# --- 1. No address, agent or cookie in session rows --------------------------------------------


def test_actions_that_ask_for_the_password_again_keep_no_address_in_the_session(member):
    member.email = ""
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=FORWARDED, HTTP_USER_AGENT=AGENT)
    post_login(client, "nadia")
    # Older than allauth's re-authentication window, so each action below is suspended.
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time() - 3600, "username": "nadia"}
    ]
    session.save()
    suspended = []
    for url, data in [
        ("/en/accounts/email/", {"email": "nadia@example.org", "action_add": ""}),
        ("/en/accounts/2fa/backup-codes/", {}),
        ("/en/accounts/2fa/remove/", {}),
        ("/en/accounts/me/delete/", {"contributions": "delete", "confirm": "on"}),
    ]:
        response = client.post(url, data)
        assert "/accounts/reauthenticate/" in response.url, url
        suspended.append(client.session.get("account_reauthentication_state"))
    assert all(state and "request" in state for state in suspended)  # the flows really ran
    for data in decoded_sessions():
        text = json.dumps(data)
        for needle in (ADDRESS, FORWARDED, "unique-agent-marker", "sessionid", "csrftoken"):
            assert needle not in text
    assert text_columns_containing(ADDRESS, FORWARDED, "unique-agent-marker") == []
    # The suspended form still completes after the password: the e-mail address is added.
    client.post("/en/accounts/email/", {"email": "nadia@example.org", "action_add": ""})
    reauth = client.post(
        "/en/accounts/reauthenticate/?next=/en/accounts/email/", {"password": PASSWORD}
    )
    assert reauth.status_code == 302
    assert EmailAddress.objects.filter(user=member, email="nadia@example.org").exists()


def test_expired_sessions_are_swept_when_members_sign_in(client, member):
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache
    from django.utils import timezone

    old = SessionStore()
    old["left"] = "behind"
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    cache.delete("tasharuk:housekeeping:sessions")
    post_login(client, "nadia")
    assert not Session.objects.filter(session_key=old.session_key).exists()
    assert Session.objects.filter(session_key=client.session.session_key).exists()


# --- 2. The language switcher only ever links on this site -------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    "path", ["/%2F%2Fevil.example/", "/%5C%5Cevil.example/", "/%2F%5Cevil.example/x/"]
)
def test_language_links_on_a_404_page_stay_on_the_site(client, lang, path):
    response = client.get(f"/{lang}{path}" if not path.startswith("/%") else path)
    assert response.status_code in (404, 302)
    if response.status_code == 302:
        response = client.get(response.url)
    page = response.content.decode()
    hrefs = [chunk.split('"', 1)[0] for chunk in page.split('href="')[1:]]
    assert hrefs
    for href in hrefs:
        assert not href.startswith("//") and not href.startswith("/\\"), href
        assert "evil.example" not in href.split("/")[2:3], href


# --- 4. Sign-up never reveals whether an address has an account --------------------------------


def signup(client, username, email, lang="en"):
    return client.post(
        f"/{lang}/accounts/signup/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def page_after(client, response):
    """The page the member lands on, without what differs on every request anyway."""
    page = client.get(response.url).content.decode()
    page = re.sub(r'nonce="[^"]*"', "", page)
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return page.replace("known@example.org", "ADDRESS").replace("fresh@example.org", "ADDRESS")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_signing_up_with_a_known_address_looks_like_a_new_one(lang):
    owner = make_member("owner", email="known@example.org")
    mail.outbox.clear()
    known, fresh = Client(), Client()
    known_response = signup(known, "newcomer", "known@example.org", lang)
    fresh_response = signup(fresh, "another", "fresh@example.org", lang)
    assert known_response.status_code == fresh_response.status_code == 302
    assert known_response.url == fresh_response.url
    assert page_after(known, known_response) == page_after(fresh, fresh_response).replace(
        "another", "newcomer"
    )
    # The owner hears about it; the newcomer never gets the owner's address verified.
    to_owner = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert len(to_owner) == 1
    assert "/accounts/password/reset/" in to_owner[0].body
    assert "/accounts/confirm-email/" not in to_owner[0].body
    assert EmailAddress.objects.get(email="known@example.org", user=owner).verified
    newcomer = User.objects.get(username="newcomer")
    assert not EmailAddress.objects.filter(user=newcomer, verified=True).exists()


# --- 5. A stranger cannot lock a member out ----------------------------------------------------


def test_a_stranger_guessing_a_username_does_not_lock_its_owner_out(member):
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    statuses = [post_login(attacker, "nadia", f"guess {i}").status_code for i in range(7)]
    assert statuses[-1] == 429
    owner = Client(REMOTE_ADDR=ADDRESS)
    post_login(owner, "nadia")
    assert is_authenticated(owner)
    # The attacker stays refused, even with the right password.
    assert post_login(attacker, "nadia").status_code == 429
    assert not is_authenticated(attacker)


def test_a_distributed_guess_cannot_lock_out_a_member_with_a_second_factor(protected_member):
    from users import login_limits

    for i in range(login_limits.ACCOUNT_UNDER_ATTACK_FAILURES):
        post_login(Client(REMOTE_ADDR=f"198.51.{i // 200}.{i % 200 + 1}"), "salma", "guess!")
    owner = Client(REMOTE_ADDR=ADDRESS)
    response = post_login(owner, "salma")
    assert response.url == "/en/accounts/2fa/authenticate/"
    owner.post("/en/accounts/2fa/authenticate/", {"code": totp_code(protected_member.totp_device)})
    assert is_authenticated(owner)


def test_a_distributed_guess_pauses_password_only_accounts(member):
    from users import login_limits

    for i in range(login_limits.ACCOUNT_UNDER_ATTACK_FAILURES):
        post_login(Client(REMOTE_ADDR=f"198.51.{i // 200}.{i % 200 + 1}"), "nadia", "guess!")
    assert post_login(Client(REMOTE_ADDR="192.0.2.99"), "nadia").status_code == 429


# --- 6. Only wrong codes count, on every form that takes a code --------------------------------


def test_signing_in_often_with_right_codes_is_never_refused(protected_member):
    for code in protected_member.backup_codes[:7]:
        client = Client()
        post_login(client, "salma")
        response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 302
        assert is_authenticated(client)


def test_a_right_code_clears_the_members_count_of_wrong_ones(client, protected_member):
    post_login(client, "salma")
    for _i in range(4):
        client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    client.post("/en/accounts/2fa/authenticate/", {"code": protected_member.backup_codes[0]})
    assert is_authenticated(client)
    other = Client()
    post_login(other, "salma")
    for _i in range(4):
        assert other.post("/en/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_reset_forms_code_shares_the_members_code_limit(client, protected_member, lang):
    client.post(f"/{lang}/accounts/password/reset/", {"email": "salma@example.org"})
    form_url = client.get(reset_link_from_outbox().split("testserver")[1]).url
    new = PASSWORD + " renewed"
    for _i in range(5):
        response = client.post(form_url, {"password1": new, "password2": new, "code": "000000"})
        assert response.status_code == 200
    response = client.post(
        form_url, {"password1": new, "password2": new, "code": protected_member.backup_codes[0]}
    )
    page = response.content.decode()
    expected = "Too many wrong codes" if lang == "en" else "أكواد خاطئة كثيرة"
    assert expected in page
    assert new in page or 'name="password1"' in page  # the form is shown again
    protected_member.refresh_from_db()
    assert protected_member.check_password(PASSWORD)
    # The login's code step is closed for this member too.
    other = Client()
    post_login(other, "salma")
    assert other.post("/en/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 429


# --- 10. Deleting an account ends even half-finished logins --------------------------------------


def test_deleting_an_account_removes_a_login_abandoned_at_the_code_step(protected_member):
    abandoned = Client()
    post_login(abandoned, "salma")  # stops at the code step
    assert any(
        str(protected_member.pk) in json.dumps(data, default=str) for data in decoded_sessions()
    )
    from users.deletion import DELETE, delete_account

    delete_account(protected_member, DELETE)
    for data in decoded_sessions():
        text = json.dumps(data, default=str)
        assert "salma" not in text
        assert f'"{protected_member.pk}"' not in text


def test_ending_sessions_keeps_other_members_sessions(protected_member, member):
    first, second = Client(), Client()
    post_login(first, "salma")
    post_login(second, "nadia")
    end_sessions(protected_member, include_expired=True)
    assert is_authenticated(second)
