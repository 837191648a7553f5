"""How the gateway reaches a managed cluster: every listed node, credentials, TLS with a CA bundle.

A managed service is outside the machine, so a small HTTPS/HTTP server on loopback stands in for
its front door: it answers `GET /` as an engine would and records the headers it was sent.
"""

import http.server
import json
import shutil
import ssl
import subprocess
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from opensearchpy.exceptions import SSLError

from search import engine

INFO = {"version": {"distribution": "opensearch", "number": "3.6.0"}, "tagline": "stand-in"}


class _FrontDoor(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        self.server.seen.append(dict(self.headers))
        body = json.dumps(INFO).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def front_door():
    """Start a stand-in engine; `front_door(tls_context=None)` returns (url, seen headers)."""
    servers = []

    def start(tls_context=None):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FrontDoor)
        server.seen = []
        scheme = "http"
        if tls_context:
            server.socket = tls_context.wrap_socket(server.socket, server_side=True)
            scheme = "https"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"{scheme}://localhost:{server.server_address[1]}", server.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _use(settings, url, **options):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": url, **options}


def test_a_node_that_is_down_is_skipped_for_the_next_one(settings, front_door):
    url, seen = front_door()
    _use(settings, f"http://127.0.0.1:9, {url}")  # nothing listens on port 9
    assert engine.nodes() == ["http://127.0.0.1:9", url]
    for _ in range(3):
        assert engine.client().info()["tagline"] == "stand-in"
    assert len(seen) == 3


def test_user_and_password_are_sent_as_basic_auth(settings, front_door):
    url, seen = front_door()
    _use(settings, url, USER="tasharuk", PASSWORD="s3cret:with colon")
    engine.client().info()
    # base64 of "tasharuk:s3cret:with colon"
    assert seen[0]["authorization"] == "Basic dGFzaGFydWs6czNjcmV0OndpdGggY29sb24="


def test_an_api_key_is_sent_as_elastic_expects(settings, front_door):
    url, seen = front_door()
    _use(settings, url, API_KEY="aWQ6a2V5")
    engine.client().info()
    assert seen[0]["authorization"] == "ApiKey aWQ6a2V5"


def test_a_user_and_an_api_key_together_are_refused(settings):
    _use(settings, "http://127.0.0.1:9", USER="tasharuk", PASSWORD="x", API_KEY="aWQ6a2V5")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        engine.client()


@pytest.fixture
def private_ca(tmp_path):
    """A CA of our own and a certificate it signed for localhost (openssl, as a self-run
    cluster's operator would make them)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp_path)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
            "/CN=Tasharuk test CA", "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-keyout", "node.key", "-out", "node.csr")  # fmt: skip
    (tmp_path / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "node.pem")  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "node.pem", tmp_path / "node.key")
    return tmp_path / "ca.pem", context


def test_tls_is_verified_against_the_configured_ca_bundle(settings, front_door, private_ca):
    ca_bundle, tls_context = private_ca
    url, seen = front_door(tls_context)
    _use(settings, url)  # the system's CAs do not know ours: refused, nothing sent
    with pytest.raises(SSLError):
        engine.client().info()
    assert seen == []
    _use(settings, url, CA_CERTS=str(ca_bundle))
    assert engine.client().info()["tagline"] == "stand-in"
    assert len(seen) == 1
