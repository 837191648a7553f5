"""The SSRF-safe fetcher: private addresses refused in every spelling and on every redirect."""

import http.server
import threading

import pytest

from library import fetcher

REFUSED = [
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://2130706433/",  # 127.0.0.1 as a decimal number
    "http://0x7f000001/",  # 127.0.0.1 in hex
    "http://0177.0.0.1/",  # 127.0.0.1 in octal
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://0.0.0.0/",
    "http://192.168.1.1/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_fetcher_refuses_private_and_local_addresses(url):
    with pytest.raises(fetcher.FetchRefused):
        fetcher.Fetcher().fetch(url)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "file:///etc/passwd", "http://example.org:8080/", "gopher://x/"]
)
def test_fetcher_refuses_other_schemes_and_ports(url):
    with pytest.raises(fetcher.FetchRefused):
        fetcher.Fetcher().vet(url)


def test_a_name_resolving_to_a_private_address_is_refused():
    def resolver(host, port, type=None):
        return [(2, 1, 6, "", ("93.184.216.34", port)), (2, 1, 6, "", ("10.1.2.3", port))]

    with pytest.raises(fetcher.FetchRefused):
        fetcher.Fetcher(resolver=resolver).vet("https://mixed.example.org/")


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):  # noqa: N802 - the stdlib's name
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.server_address[1]
    server.shutdown()
    server.server_close()


def _test_fetcher(port):
    # Only the local test server itself is let through; everything else keeps the real rules.
    return fetcher.Fetcher(allowed_addresses=["127.0.0.1"], allowed_ports={80, 443, port})


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/", "http://169.254.169.254/latest/", "http://127.0.0.2/"]
)
def test_a_redirect_to_a_private_address_is_refused(local_server, target):
    base, port = local_server
    _Handler.routes = {"/go": (302, {"Location": target}, b"")}
    with pytest.raises(fetcher.FetchRefused):
        _test_fetcher(port).fetch(f"{base}/go")


def test_details_are_extracted_and_framing_refusal_recorded(local_server):
    base, port = local_server
    html = (
        '<html lang="ar"><head><title> دليل   الأمن </title>'
        '<meta name="description" content="A guide &amp; more"></head><body></body></html>'
    ).encode()
    _Handler.routes = {
        "/start": (301, {"Location": "/page"}, b""),
        "/page": (
            200,
            {"Content-Type": "text/html; charset=utf-8", "X-Frame-Options": "SAMEORIGIN"},
            html,
        ),
    }
    details = fetcher.fetch_details(f"{base}/start", fetcher=_test_fetcher(port))
    assert details.title == "دليل الأمن"
    assert details.description == "A guide & more"
    assert details.language == "ar"
    assert details.framable is False


def test_too_many_redirects_are_refused(local_server):
    base, port = local_server
    _Handler.routes = {f"/r{i}": (302, {"Location": f"/r{i + 1}"}, b"") for i in range(10)}
    with pytest.raises(fetcher.FetchRefused):
        _test_fetcher(port).fetch(f"{base}/r0")


def test_huge_pages_are_cut_at_the_size_cap(local_server):
    base, port = local_server
    _Handler.routes = {"/big": (200, {"Content-Type": "text/html"}, b"x" * 3_000_000)}
    page = _test_fetcher(port).fetch(f"{base}/big")
    assert page.truncated is True
    assert len(page.body) == fetcher.MAX_BYTES


def test_csp_frame_ancestors_means_not_framable():
    assert fetcher.refuses_framing({"content-security-policy": "frame-ancestors 'self'"})
    assert not fetcher.refuses_framing({"content-security-policy": "frame-ancestors *"})
    assert not fetcher.refuses_framing({"content-security-policy": "default-src 'self'"})
    assert not fetcher.refuses_framing({})
