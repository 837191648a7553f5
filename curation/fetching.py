"""Curation's only door to the site's SSRF-safe fetcher, with HEAD requests for link checks.

This is the single module in curation/ that imports the fetcher: when it moves to another app,
only the import below changes. Everything that keeps private addresses out (vetting each hop,
connecting to the vetted address, redirect limit, deadline, size cap) stays the fetcher's; the
subclass only lets a check ask with HEAD (the fetcher's `method`), names itself as a link check,
and keeps at most a small first chunk of a GET.
"""

from community.fetcher import (  # noqa: F401 - re-exported for the link checker
    USER_AGENT,
    Fetcher,
    FetchFailed,
    FetchRefused,
    refuses_framing,
)

# A GET made only to confirm a link reads no more than this.
GET_PROBE_BYTES = 16 * 1024


class LinkFetcher(Fetcher):
    """The safe fetcher, able to send HEAD. `method` is per instance: the link checker gives
    every host its own fetcher, so no two threads share one."""

    user_agent = USER_AGENT.replace("resource submission preview", "link check")

    def probe(self, url, method):
        """Fetch `url` with `method` (HEAD or GET), keeping at most GET_PROBE_BYTES."""
        self.method = method
        return self.fetch(url, max_bytes=GET_PROBE_BYTES)
