"""Resource URLs: validation and the normal form that identifies a resource.

Two URLs that differ only in case of the host, a default port, `www.`, a trailing slash, a
fragment, tracking parameters or parameter order name the same resource.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
        _validate_web_url(url)
    except ValidationError:
        raise ValidationError(_("This is not a valid web address."), code="invalid") from None


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
