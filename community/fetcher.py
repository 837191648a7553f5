"""The one SSRF-safe way the site fetches a user-supplied URL (submission auto-fill).

Every hop — the first URL and each redirect — is checked the same way before any connection:
http or https only, port 80 or 443, and every address the host name resolves to must be a
public one (no loopback, private, link-local/metadata, multicast, reserved, unspecified or
shared-address space, IPv4-mapped IPv6 included). Numeric host forms such as 2130706433 or
0x7f000001 are resolved by the system resolver like any name and checked as what they become.
The connection then goes to the vetted address itself (urllib3, with the original host name in
the Host header, for SNI and for certificate verification), so a second DNS answer cannot
redirect it. At most MAX_REDIRECTS redirects, connect/read timeouts plus an overall deadline,
a streamed size cap and no cookies. The deadline is enforced by a watchdog that shuts the
fetch's sockets down when it passes, so a server trickling a byte at a time cannot hold a
blocking read (TLS handshake, headers or body) past it. Internationalised domain names are
IDNA-encoded once, and that ASCII form is what is resolved and sent (Host, SNI, certificate).

Why not a dedicated library: `advocate`, the known one, has had no release since 2020 and does
not support urllib3 2; urllib3 itself (the core of `requests`) gives the control needed here.
"""

import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
import urllib3.connection
from bs4 import BeautifulSoup
from django.utils.translation import gettext_lazy as _

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 5.0
DEADLINE = 10.0  # seconds for the whole fetch, redirects included
MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 3
ALLOWED_PORTS = frozenset({80, 443})
USER_AGENT = "TasharukFetcher/1.0 (+resource submission preview)"
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """The URL, or one it redirected to, is not allowed; the message says why."""


class FetchFailed(Exception):
    """The site could not be reached or answered badly; the message says why."""


@dataclass
class FetchedPage:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)
    truncated: bool = False


@dataclass
class PageDetails:
    """What a submission form can pre-fill from a page."""

    url: str
    title: str = ""
    description: str = ""
    language: str = ""
    framable: bool = True


def is_public_address(ip):
    """True only for globally routable unicast addresses — including the IPv4 address an IPv6
    one wraps (IPv4-mapped, 6to4 2002::/16, Teredo client)."""
    if ip.version == 6:
        teredo_client = ip.teredo[1] if ip.teredo else None
        for embedded in (ip.sixtofour, teredo_client):
            if embedded is not None and not is_public_address(embedded):
                return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class _Watchdog:
    """Shuts down every socket of one fetch when its overall deadline passes, which also ends
    a blocking read in progress; per-operation timeouts alone restart with every byte."""

    def __init__(self, seconds):
        self.expired = False
        self._sockets = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock):
        # shutdown() acts on the socket, not the descriptor, so a duplicate still reaches it
        # after TLS wraps (and detaches) the original.
        duplicate = sock.dup()
        with self._lock:
            self._sockets.append(duplicate)
            expired = self.expired
        if expired:
            _shutdown(duplicate)

    def _expire(self):
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)

    def close(self):
        self._timer.cancel()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            sock.close()


def _shutdown(sock):
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedConnectionMixin:
    def __init__(self, *args, watchdog, **kwargs):
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def _new_conn(self):
        sock = super()._new_conn()
        self._watchdog.watch(sock)
        return sock


class _WatchedHTTPConnection(_WatchedConnectionMixin, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnectionMixin, urllib3.connection.HTTPSConnection):
    pass


class Fetcher:
    """Fetch user-supplied URLs safely. `allowed_addresses`, `allowed_ports`, `resolver` and
    `deadline` exist so tests can let a local test server through (and not wait long);
    production code uses the defaults. Subclasses may ask with another `method` (HEAD) or name
    themselves with another `user_agent`; everything that keeps private addresses out stays here."""

    method = "GET"
    user_agent = USER_AGENT

    def __init__(
        self, allowed_addresses=(), allowed_ports=ALLOWED_PORTS, resolver=None, deadline=None
    ):
        self.allowed_addresses = {ipaddress.ip_address(a) for a in allowed_addresses}
        self.allowed_ports = frozenset(allowed_ports)
        self.resolver = resolver or socket.getaddrinfo
        self.deadline = DEADLINE if deadline is None else deadline

    def address_allowed(self, ip):
        return ip in self.allowed_addresses or is_public_address(ip)

    def vet(self, url):
        """Check one hop; return (scheme, host, port, vetted ip). Raise FetchRefused."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise FetchRefused(_("This is not a valid web address.")) from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchRefused(_("Only http and https addresses can be fetched."))
        if parts.username or parts.password:
            raise FetchRefused(_("Addresses with a user name or password are not fetched."))
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise FetchRefused(_("This is not a valid web address."))
        try:
            # An internationalised name travels (DNS, Host, SNI, certificate) as punycode.
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchRefused(_("This is not a valid web address.")) from None
        port = port or (443 if scheme == "https" else 80)
        if port not in self.allowed_ports:
            raise FetchRefused(_("Only the standard web ports (80 and 443) can be fetched."))
        try:
            infos = self.resolver(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise FetchFailed(_("The site’s name could not be found.")) from None
        addresses = []
        for info in infos:
            raw = info[4][0].split("%", 1)[0]  # drop an IPv6 zone id
            try:
                addresses.append(ipaddress.ip_address(raw))
            except ValueError:
                continue
        if not addresses:
            raise FetchFailed(_("The site’s name could not be found."))
        # Every answer must be acceptable, or a name could mix a public and a private address.
        if not all(self.address_allowed(ip) for ip in addresses):
            raise FetchRefused(
                _("This address points to a private or local network and cannot be fetched.")
            )
        return scheme, host, port, addresses[0]

    def fetch(self, url, max_bytes=MAX_BYTES):
        """GET `url` following at most MAX_REDIRECTS vetted redirects; return a FetchedPage."""
        watchdog = _Watchdog(self.deadline)
        try:
            return self._fetch(url, max_bytes, watchdog)
        except FetchFailed:
            if watchdog.expired:
                raise FetchFailed(_("The site took too long to answer.")) from None
            raise
        finally:
            watchdog.close()

    def _fetch(self, url, max_bytes, watchdog):
        started = time.monotonic()
        for _hop in range(MAX_REDIRECTS + 1):
            scheme, host, port, ip = self.vet(url)
            response = self._request(scheme, host, port, ip, url, started, watchdog)
            try:
                if response.status in _REDIRECTS and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                body, truncated = self._read(response, max_bytes, started)
                if watchdog.expired:  # the shutdown may look like the end of the body
                    raise FetchFailed(_("The site took too long to answer."))
                return FetchedPage(
                    url=url,
                    status=response.status,
                    content_type=response.headers.get("Content-Type", ""),
                    body=body,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    truncated=truncated,
                )
            finally:
                response.release_conn()
        raise FetchRefused(_("The site redirected too many times."))

    def _request(self, scheme, host, port, ip, url, started, watchdog):
        remaining = self.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise FetchFailed(_("The site took too long to answer."))
        timeout = urllib3.Timeout(
            connect=min(CONNECT_TIMEOUT, remaining), read=min(READ_TIMEOUT, remaining)
        )
        pool_kwargs = {"timeout": timeout, "retries": False, "maxsize": 1, "watchdog": watchdog}
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                str(ip),
                port,
                server_hostname=host,  # SNI
                assert_hostname=host,  # the certificate must name the host, not the address
                cert_reqs="CERT_REQUIRED",
                **pool_kwargs,
            )
            pool.ConnectionCls = _WatchedHTTPSConnection
        else:
            pool = urllib3.HTTPConnectionPool(str(ip), port, **pool_kwargs)
            pool.ConnectionCls = _WatchedHTTPConnection
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = 443 if scheme == "https" else 80
        host_header = host if port == default_port else f"{host}:{port}"
        if ":" in host and port == default_port:
            host_header = f"[{host}]"
        try:
            return pool.urlopen(
                self.method,
                path,
                headers={
                    "Host": host_header,
                    "User-Agent": self.user_agent,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "identity",
                },
                redirect=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.TimeoutError:
            raise FetchFailed(_("The site took too long to answer.")) from None
        except urllib3.exceptions.SSLError:
            raise FetchFailed(_("The site’s secure connection could not be verified.")) from None
        except urllib3.exceptions.HTTPError:
            raise FetchFailed(_("The site could not be reached.")) from None

    def _read(self, response, max_bytes, started):
        chunks, size = [], 0
        try:
            for chunk in response.stream(16 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size >= max_bytes:
                    return b"".join(chunks)[:max_bytes], True
                if time.monotonic() - started > self.deadline:
                    raise FetchFailed(_("The site took too long to answer."))
        except urllib3.exceptions.TimeoutError:
            raise FetchFailed(_("The site took too long to answer.")) from None
        except urllib3.exceptions.HTTPError:
            raise FetchFailed(_("The site could not be reached.")) from None
        return b"".join(chunks), False


def refuses_framing(headers):
    """True when X-Frame-Options or CSP frame-ancestors keep other sites from framing the page."""
    if headers.get("x-frame-options", "").strip():
        # DENY and SAMEORIGIN both exclude us; ALLOW-FROM is obsolete and ignored by browsers.
        return True
    for policy in headers.get("content-security-policy", "").split(","):
        for directive in policy.split(";"):
            tokens = directive.strip().split()
            if tokens and tokens[0].lower() == "frame-ancestors":
                sources = [token.lower() for token in tokens[1:]]
                if not any(source in ("*", "https:", "http:") for source in sources):
                    return True
    return False


def extract_details(page):
    """Title, description and language of a fetched HTML page (empty strings when absent)."""
    details = PageDetails(url=page.url, framable=not refuses_framing(page.headers))
    if "html" not in page.content_type.lower():
        return details
    soup = BeautifulSoup(page.body, "html.parser")

    def meta(*names):
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find(
                "meta", attrs={"name": name}
            )
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return ""

    title = meta("og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    details.title = " ".join(title.split())[:255]
    details.description = " ".join(
        meta("description", "og:description", "twitter:description").split()
    )[:1200]
    language = ""
    if soup.html and soup.html.get("lang"):
        language = soup.html["lang"]
    language = language or page.headers.get("content-language", "")
    details.language = language.split(",")[0].split("-")[0].strip().lower()[:3]
    return details


def fetch_details(url, fetcher=None):
    """Fetch `url` and return its PageDetails; raise FetchRefused or FetchFailed."""
    page = (fetcher or Fetcher()).fetch(url)
    if page.status >= 400:
        raise FetchFailed(
            _("The site answered with an error (%(status)s).") % {"status": page.status}
        )
    return extract_details(page)
