"""The SSRF-safe fetcher: private addresses refused in every spelling and on every redirect."""

import http.server
import ipaddress
import socket
import threading
import time

import pytest

from community import fetcher

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
    "http://[2002:7f00:1::]/",  # 6to4 wrapping 127.0.0.1
    "http://[2002:a9fe:a9fe::]/",  # 6to4 wrapping the metadata address
    "http://[2002:c0a8:101::]/",  # 6to4 wrapping 192.168.1.1
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
]


@pytest.mark.parametrize("url", REFUSED)
def test_fetcher_refuses_private_and_local_addresses(url):
    with pytest.raises(fetcher.FetchRefused):
        fetcher.Fetcher().fetch(url)


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",
        "2002:a9fe:a9fe::",
        "2001:0:4136:e378:8000:63bf:80ff:fffe",
        "::ffff:10.0.0.1",
    ],
)
def test_ipv6_forms_wrapping_a_private_ipv4_are_not_public(address):
    assert not fetcher.is_public_address(ipaddress.ip_address(address))


def test_ipv6_forms_wrapping_a_public_ipv4_are_judged_by_it():
    assert fetcher.is_public_address(ipaddress.ip_address("::ffff:93.184.216.34"))


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
    seen_hosts = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.seen_hosts.append(self.headers.get("Host"))
        if self.path == "/trickle":
            return self._trickle()
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self):
        """Headers, then one byte every 0.2 s for as long as the client listens."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

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


def _test_fetcher(port, **kwargs):
    # Only the local test server itself is let through; everything else keeps the real rules.
    return fetcher.Fetcher(allowed_addresses=["127.0.0.1"], allowed_ports={80, 443, port}, **kwargs)


def test_a_server_trickling_bytes_is_given_up_on_at_the_deadline(local_server):
    base, port = local_server
    started = time.monotonic()
    with pytest.raises(fetcher.FetchFailed, match="too long"):
        _test_fetcher(port, deadline=1.5).fetch(f"{base}/trickle")
    assert time.monotonic() - started < 1.5 + 2


def test_a_trickled_header_is_given_up_on_at_the_deadline():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve():
        conn, _address = listener.accept()
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 1000:
                if stop.is_set():
                    break
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    break
                time.sleep(0.2)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(fetcher.FetchFailed, match="too long"):
            _test_fetcher(port, deadline=1.5).fetch(f"http://127.0.0.1:{port}/")
        assert time.monotonic() - started < 1.5 + 2
    finally:
        stop.set()
        listener.close()


def test_an_internationalised_domain_name_is_sent_as_punycode(local_server):
    _base, port = local_server
    asked = []

    def resolver(host, port, type=None):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    _Handler.routes = {"/idn": (200, {"Content-Type": "text/html"}, b"<title>ok</title>")}
    _Handler.seen_hosts = []
    page = _test_fetcher(port, resolver=resolver).fetch(f"http://مثال.مصر:{port}/idn")
    assert page.status == 200
    assert asked == ["xn--mgbh0fb.xn--wgbh1c"]
    assert _Handler.seen_hosts == [f"xn--mgbh0fb.xn--wgbh1c:{port}"]


def test_an_invalid_internationalised_name_is_refused_not_an_error():
    with pytest.raises(fetcher.FetchRefused):
        fetcher.Fetcher().vet("http://" + "م" * 70 + ".مصر/")


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
