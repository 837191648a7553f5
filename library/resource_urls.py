"""Resource URLs: validation and the normal form that identifies a resource.

Two URLs that differ only in case of the host, a default port, `www.`, a trailing slash, a
fragment, tracking parameters or parameter order name the same resource.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 2000
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_validate_web_url = URLValidator(schemes=["http", "https"])


def validate_resource_url(url):
    """Raise ValidationError unless `url` is an absolute http(s) URL of sensible length."""
    if not url or not isinstance(url, str):
        raise ValidationError(_("A URL is required."), code="required")
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(
            _("The URL is longer than %(max)d characters."),
            code="max_length",
            params={"max": MAX_URL_LENGTH},
        )
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise ValidationError(
            _("Only web addresses starting with http:// or https:// are accepted."),
            code="scheme",
        )
    try:
        # Spaces, quotes and Arabic paths are fine once escaped, which is how they are stored.
        _validate_web_url(encode_resource_url(url))
    except ValidationError:
        raise ValidationError(_("This is not a valid web address."), code="invalid") from None


# RFC 3986: unreserved and reserved characters may stand as they are; "%" only before two hex
# digits (an existing escape). Everything else (quotes, spaces, <>, non-ASCII…) is escaped.
_URI_SAFE = "-._~:/?#[]@!$&'()*+,;=%"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def encode_resource_url(url):
    """`url` as a valid URI: characters RFC 3986 does not allow are percent-encoded (so a raw
    `"` can never break out of an attribute or a schema's `uri` format), existing escapes are
    kept, and an internationalised host is written in its ASCII (IDNA) form. Import, member
    submissions and the editor all store source URLs through this."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    host = parts.hostname or ""
    if host and not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = quote(host, safe="")
        port = f":{parts.port}" if parts.port else ""
        netloc = ascii_host + port  # credentials in a resource URL are dropped, never stored
    netloc = quote(netloc, safe=_URI_SAFE)

    def escape(text):
        return quote(_LONE_PERCENT.sub("%25", text), safe=_URI_SAFE)

    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            escape(parts.path),
            escape(parts.query),
            escape(parts.fragment),
        )
    )


def normalize_url(url):
    """Return the identifying form of an http(s) URL (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES)
    )
    # http and https of one host are one resource for identity purposes.
    return urlunsplit(
        ("https" if scheme in ("http", "https") else scheme, netloc, path, urlencode(query), "")
    )
