"""Two instances of the site (gunicorn, production settings) on one PostgreSQL, one Redis and one
search engine behave as one site: limits, cached pages, ratings and background tasks hold
across them, and losing Redis leaves both answering and limiting."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from tests.factories import ResourcePageFactory

from .conftest import SECRET_KEY, SESSION_COOKIE

pytestmark = pytest.mark.deployment

PASSWORD = "a long passphrase 42"
# allauth's "login_failed" limit per login name (and client): 5 in 5 minutes (settings/base.py).
FAILURES_ALLOWED = 5


def member(name, **fields):
    return get_user_model().objects.create_user(username=name, password=PASSWORD, **fields)


def session_for(user, device=None):
    """The cookies of a session signed in as `user` (verified with `device`), made as the
    servers would make it: signed with their key, in the shared session table."""
    with override_settings(SECRET_KEY=SECRET_KEY):
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "allauth.account.auth_backends.AuthenticationBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        if device is not None:
            session["otp_device_id"] = device.persistent_id
        session.create()
    return {SESSION_COOKIE: session.session_key}


def wrong_password(instance, username):
    return instance.post(
        "/en/accounts/login/", {"login": username, "password": "not the password"}
    ).status


def cached_body(instance, path):
    """The page as signed-out visitors get it, after checking that it comes from the cache: a
    fresh rendering carries a new CSP nonce, a cached one the same bytes."""
    first, second = instance.get(path), instance.get(path)
    assert first.status == second.status == 200
    assert first.body == second.body, "the page cache is not on"
    return second.text


def test_wrong_passwords_spread_over_both_instances_meet_the_limit_of_one(deployment):
    member("amira")
    spread = [
        wrong_password((deployment.a, deployment.b)[attempt % 2], "amira")
        for attempt in range(FAILURES_ALLOWED + 2)
    ]
    assert spread == [200] * FAILURES_ALLOWED + [429, 429]
    # The same on one instance alone, from a fresh count (the limits' window passing).
    deployment.redis.flush()
    alone = [wrong_password(deployment.a, "amira") for _ in range(FAILURES_ALLOWED + 2)]
    assert alone == spread


def test_a_resource_published_through_one_instance_is_served_fresh_by_the_other(deployment):
    resource = ResourcePageFactory(title="Threat modelling for newsrooms")
    assert "Threat modelling for newsrooms" in cached_body(deployment.b, resource.url)

    resource.title = "Threat modelling for small newsrooms"
    resource.save_revision()  # a draft: not shown until published
    assert "Threat modelling for newsrooms" in cached_body(deployment.b, resource.url)

    curator = member("curator", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    published = deployment.a.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={resource.pk}",
        {"include_descendants": ""},
        cookies=session_for(curator, device),
    )
    assert published.status == 302, published.text[:500]

    page = deployment.b.get(resource.url)
    assert page.status == 200
    assert "Threat modelling for small newsrooms" in page.text


def test_a_rating_given_on_one_instance_shows_on_the_other(deployment):
    resource = ResourcePageFactory(title="Digital first aid kit")
    assert "Not rated yet" in cached_body(deployment.b, resource.url)

    rated = deployment.a.post(
        f"/en/r/{resource.translation_key}/rate/",
        {"stars": "4"},
        cookies=session_for(member("rana")),
    )
    assert rated.status == 302

    page = deployment.b.get(resource.url).text
    assert "Not rated yet" not in page
    assert re.search(r"4\.0 out of 5\s*\(1 rating\)", page)


def test_a_task_enqueued_through_one_instance_runs_once_with_a_worker_beside_each(deployment):
    member("salma")
    expired = SessionStore()
    expired["note"] = "left behind"
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )

    # Signing in enqueues the sweep of expired sessions, at most once an hour: the second
    # sign-in, on the other instance, finds the first one's mark in the shared cache.
    for instance in (deployment.a, deployment.b):
        signed_in = instance.post("/en/accounts/login/", {"login": "salma", "password": PASSWORD})
        assert signed_in.status == 302

    sweeps = DBTaskResult.objects.filter(task_path="users.housekeeping.clear_expired_sessions")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not sweeps.filter(status="SUCCESSFUL").exists():
        time.sleep(0.3)
    time.sleep(2)  # time enough for a second run, if there were one
    assert sweeps.count() == 1
    sweep = sweeps.get()
    assert sweep.status == "SUCCESSFUL"
    assert len(sweep.worker_ids) == 1
    assert not Session.objects.filter(session_key=expired.session_key).exists()


def test_without_redis_both_instances_answer_and_rate_limits_still_limit(deployment):
    resource = ResourcePageFactory(title="Secure messaging guide")
    member("hadi")
    assert deployment.a.get(resource.url).status == 200

    deployment.redis.stop()
    for instance in (deployment.a, deployment.b):
        page = instance.get(resource.url)
        assert page.status == 200
        assert "Secure messaging guide" in page.text
        ready = instance.get("/readyz")
        assert ready.status == 503
        assert ready.json()["cache"] == "down"
    # Counted in the process meanwhile: one instance still stops the guessing.
    attempts = [wrong_password(deployment.a, "hadi") for _ in range(FAILURES_ALLOWED + 1)]
    assert attempts == [200] * FAILURES_ALLOWED + [429]
    warning = [line for line in deployment.a.logged().splitlines() if "Shared cache" in line]
    assert warning, "the outage is not logged"
    assert not any(re.search(r"\d+\.\d+\.\d+\.\d+", line) for line in warning)

    deployment.redis.start()
    assert deployment.a.get("/readyz").json()["cache"] == "ok"
    assert deployment.b.get(resource.url).status == 200
