"""Curation fixtures: an editor signed in to the admin (with a verified second factor) and a
local web server the link checker may reach (only it: the safe fetcher keeps its rules)."""

import http.server
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from curation.fetching import LinkFetcher


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_superuser("curator", password="a long passphrase 42")


@pytest.fixture
def admin_client(client, curator):
    """A superuser session that passed the second factor, as the admin requires."""
    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    client.force_login(curator)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The dashboard's translation counts are cached; every test starts from the database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _quick_link_checks(settings):
    # No politeness pauses in tests; the behaviour is the same, only faster.
    settings.TASHARUK_CURATION = {
        **settings.TASHARUK_CURATION,
        "LINK_CHECK_HOST_DELAY": 0,
        "LINK_CHECK_BACKOFF": 0,
        "LINK_CHECK_RETRIES": 1,
    }


class LinkSiteHandler(http.server.BaseHTTPRequestHandler):
    """200, a 301 chain, 404, 500, a slow answer and a page that refuses framing."""

    requests = []
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()

    ROUTES = {
        "/ok": (200, {"Content-Type": "text/html"}),
        "/moved": (301, {"Location": "/moved-again"}),
        "/moved-again": (301, {"Location": "/final"}),
        "/final": (200, {"Content-Type": "text/html"}),
        "/missing": (404, {}),
        "/error": (500, {}),
        "/no-frames": (200, {"Content-Type": "text/html", "X-Frame-Options": "DENY"}),
        "/head-refused": (200, {"Content-Type": "text/html"}),
        "/loop": (302, {"Location": "/loop"}),
    }

    def _answer(self, with_body):
        cls = type(self)
        with cls.lock:
            cls.in_flight += 1
            cls.most_in_flight = max(cls.most_in_flight, cls.in_flight)
        try:
            self._respond(with_body)
        finally:
            with cls.lock:
                cls.in_flight -= 1

    def _respond(self, with_body):
        self.requests.append((self.command, self.path))
        if self.path == "/slow":
            time.sleep(3)
        if self.path.startswith("/paced"):
            time.sleep(0.1)  # long enough for a second request to overlap, if one were sent
            self.path = "/ok"
        if self.path == "/head-refused" and self.command == "HEAD":
            status, headers = 405, {}
        else:
            status, headers = self.ROUTES.get(self.path, (404, {}))
        body = b"<html><title>page</title></html>"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self._answer(True)

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def log_message(self, *args):
        pass


@pytest.fixture
def link_site():
    """(base URL, fetcher factory that lets exactly this server through)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), LinkSiteHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    LinkSiteHandler.requests = []
    LinkSiteHandler.most_in_flight = 0

    def fetcher_factory():
        return LinkFetcher(
            allowed_addresses=["127.0.0.1"], allowed_ports={80, 443, port}, deadline=1.0
        )

    yield f"http://127.0.0.1:{port}", fetcher_factory
    server.shutdown()
    server.server_close()


def use_admin_language(user, lang):
    """The admin speaks the language in the editor's profile (Arabic is one of its choices)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()
