"""Curation's only door to the site's SSRF-safe fetcher, with HEAD requests for link checks.

This is the single module in curation/ that imports the fetcher: when it moves to another app,
only the import below changes. Everything that keeps private addresses out (vetting each hop,
connecting to the vetted address, redirect limit, deadline, size cap) stays the fetcher's; the
subclass only lets a check ask with HEAD, and for at most a small first chunk with GET.
"""

import time
from urllib.parse import urlsplit

import urllib3
from django.utils.translation import gettext_lazy as _

from community.fetcher import (  # noqa: F401 - re-exported for the link checker
    CONNECT_TIMEOUT,
    READ_TIMEOUT,
    USER_AGENT,
    Fetcher,
    FetchFailed,
    FetchRefused,
    _WatchedHTTPConnection,
    _WatchedHTTPSConnection,
    refuses_framing,
)

LINK_CHECK_USER_AGENT = USER_AGENT.replace("resource submission preview", "link check")
# A GET made only to confirm a link reads no more than this.
GET_PROBE_BYTES = 16 * 1024


class LinkFetcher(Fetcher):
    """The safe fetcher, able to send HEAD. `method` is per instance: the link checker gives
    every host its own fetcher, so no two threads share one."""

    method = "GET"

    def probe(self, url, method):
        """Fetch `url` with `method` (HEAD or GET), keeping at most GET_PROBE_BYTES."""
        self.method = method
        return self.fetch(url, max_bytes=GET_PROBE_BYTES)

    def _request(self, scheme, host, port, ip, url, started, watchdog):
        # The parent's request with a chosen method; the address was vetted by `vet` already.
        remaining = self.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise FetchFailed(_too_slow())
        timeout = urllib3.Timeout(
            connect=min(CONNECT_TIMEOUT, remaining), read=min(READ_TIMEOUT, remaining)
        )
        pool_kwargs = {"timeout": timeout, "retries": False, "maxsize": 1, "watchdog": watchdog}
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                str(ip),
                port,
                server_hostname=host,
                assert_hostname=host,
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
                    "User-Agent": LINK_CHECK_USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "identity",
                },
                redirect=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.TimeoutError:
            raise FetchFailed(_too_slow()) from None
        except urllib3.exceptions.SSLError:
            raise FetchFailed(_("The site’s secure connection could not be verified.")) from None
        except urllib3.exceptions.HTTPError:
            raise FetchFailed(_("The site could not be reached.")) from None


def _too_slow():
    return _("The site took too long to answer.")
