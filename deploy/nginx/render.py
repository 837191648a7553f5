#!/usr/bin/env python3
"""Write Tasharuk's nginx site from deploy/nginx/tasharuk.conf.template.

nginx reads no environment variables, so the values live in the same environment file as the
application's (deploy/tasharuk.env.template, TASHARUK_NGINX_* and TASHARUK_ONION_ADDRESS):

  deploy/nginx/render.py /etc/tasharuk/tasharuk.env /etc/nginx/sites-available/tasharuk.conf

writes the site and, beside it, `tasharuk-onion-location.conf` (the Onion-Location header when
an onion address is set, an empty comment otherwise). Run it again after changing the file,
then `nginx -t && systemctl reload nginx`. Values come from the file, overridden by the
process's environment. Standard library only: it runs before any virtualenv exists.
"""

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "tasharuk.conf.template"
DEFAULTS = {
    "TASHARUK_NGINX_HTTPS_LISTEN": "443",
    "TASHARUK_NGINX_HTTP_LISTEN": "80",
    "TASHARUK_NGINX_UPSTREAM": "127.0.0.1:8000",
    "TASHARUK_NGINX_MAX_BODY": "20m",
    "TASHARUK_NGINX_LOG_DIR": "/var/log/nginx",
    "TASHARUK_STATIC_ROOT": "/srv/tasharuk/static",
    "TASHARUK_MEDIA_ROOT": "/srv/tasharuk/media",
    "TASHARUK_ONION_ADDRESS": "",
}
REQUIRED = [
    "TASHARUK_NGINX_SERVER_NAME",
    "TASHARUK_NGINX_CERTIFICATE",
    "TASHARUK_NGINX_CERTIFICATE_KEY",
]
# What may appear in a value: nginx syntax (";", "{", quotes, spaces) must never sneak in.
SAFE = re.compile(r"^[A-Za-z0-9_.:/@\[\], -]*$")
ONION = re.compile(r"^[a-z2-7]{56}\.onion$")


def read_environment_file(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def settings(path, environ):
    values = {**DEFAULTS, **read_environment_file(path)}
    values.update({k: v for k, v in environ.items() if k.startswith("TASHARUK_")})
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        raise SystemExit(f"render: set {', '.join(missing)}")
    checked = ("TASHARUK_NGINX_", "TASHARUK_ONION", "TASHARUK_STATIC", "TASHARUK_MEDIA")
    for name, value in values.items():
        if name.startswith(checked) and not SAFE.match(value):
            raise SystemExit(f"render: {name} holds characters nginx would misread: {value!r}")
    onion = values["TASHARUK_ONION_ADDRESS"].removeprefix("http://").rstrip("/")
    if onion and not ONION.match(onion):
        raise SystemExit(f"render: TASHARUK_ONION_ADDRESS is not a v3 onion address: {onion!r}")
    values["TASHARUK_ONION_ADDRESS"] = onion
    return values


def render(values, onion_include):
    upstreams = [u.strip() for u in values["TASHARUK_NGINX_UPSTREAM"].split(",") if u.strip()]
    filled = {
        "UPSTREAM_SERVERS": "\n".join(f"    server {u};" for u in upstreams),
        "SERVER_NAME": values["TASHARUK_NGINX_SERVER_NAME"].replace(",", " "),
        "HTTP_LISTEN": values["TASHARUK_NGINX_HTTP_LISTEN"],
        "HTTPS_LISTEN": values["TASHARUK_NGINX_HTTPS_LISTEN"],
        "CERTIFICATE": values["TASHARUK_NGINX_CERTIFICATE"],
        "CERTIFICATE_KEY": values["TASHARUK_NGINX_CERTIFICATE_KEY"],
        "MAX_BODY": values["TASHARUK_NGINX_MAX_BODY"],
        "LOG_DIR": values["TASHARUK_NGINX_LOG_DIR"].rstrip("/"),
        "STATIC_ROOT": values["TASHARUK_STATIC_ROOT"].rstrip("/"),
        "MEDIA_ROOT": values["TASHARUK_MEDIA_ROOT"].rstrip("/"),
        "ONION_INCLUDE": str(onion_include),
    }
    text = (
        "# Rendered by deploy/nginx/render.py from tasharuk.conf.template: edit that, not this.\n"
    )
    text += re.sub(r"\{\{(\w+)\}\}", lambda m: filled[m[1]], TEMPLATE.read_text())
    onion = values["TASHARUK_ONION_ADDRESS"]
    if onion:
        include = (
            "# Written by deploy/nginx/render.py: Tor Browser offers the onion address.\n"
            f"add_header Onion-Location http://{onion}$request_uri always;\n"
        )
    else:
        include = (
            "# Written by deploy/nginx/render.py: no onion address (TASHARUK_ONION_ADDRESS).\n"
        )
    return text, include


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    import os

    site = Path(argv[2])
    onion_include = site.parent / "tasharuk-onion-location.conf"
    text, include = render(settings(argv[1], os.environ), onion_include)
    onion_include.write_text(include)
    site.write_text(text)
    print(f"Wrote {site} and {onion_include}; now: nginx -t && systemctl reload nginx")


if __name__ == "__main__":
    main(sys.argv)
