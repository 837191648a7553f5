"""deploy/nginx/render.py turns the environment file into nginx's site; a value must never be
able to smuggle nginx directives in, and only a real onion address becomes a header."""

import os
import re
import subprocess
import sys

from .services import ROOT

RENDER = ROOT / "deploy/nginx/render.py"
BASE = {
    "TASHARUK_NGINX_SERVER_NAME": "tasharuk.example",
    "TASHARUK_NGINX_CERTIFICATE": "/etc/ssl/tasharuk.pem",
    "TASHARUK_NGINX_CERTIFICATE_KEY": "/etc/ssl/tasharuk.key",
}
ONION = "a" * 56 + ".onion"


def render(tmp_path, **values):
    env_file = tmp_path / "tasharuk.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in {**BASE, **values}.items()))
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    return subprocess.run(
        [sys.executable, str(RENDER), str(env_file), str(tmp_path / "site.conf")],
        capture_output=True,
        text=True,
        env=clean,
    )


def test_the_site_is_rendered_with_every_value_filled(tmp_path):
    done = render(tmp_path, TASHARUK_NGINX_UPSTREAM="10.0.0.5:8000,10.0.0.6:8000")
    assert done.returncode == 0, done.stderr
    site = (tmp_path / "site.conf").read_text()
    assert not re.search(r"\{\{\w+\}\}", site)  # every placeholder filled
    assert "server 10.0.0.5:8000;" in site and "server 10.0.0.6:8000;" in site
    assert "server_name tasharuk.example;" in site
    assert "client_max_body_size 20m;" in site
    # No onion address: the include exists (nginx needs it) and sets no header.
    assert "add_header" not in (tmp_path / "tasharuk-onion-location.conf").read_text()


def test_an_onion_address_becomes_the_onion_location_header(tmp_path):
    assert render(tmp_path, TASHARUK_ONION_ADDRESS=ONION).returncode == 0
    include = (tmp_path / "tasharuk-onion-location.conf").read_text()
    assert f"add_header Onion-Location http://{ONION}$request_uri always;" in include


def test_values_that_would_inject_nginx_directives_are_refused(tmp_path):
    for name, value in [
        ("TASHARUK_NGINX_SERVER_NAME", "tasharuk.example; location / { return 200; }"),
        ("TASHARUK_NGINX_MAX_BODY", "20m; autoindex on"),
        ("TASHARUK_ONION_ADDRESS", f"{ONION}$request_uri; add_header X 1"),
    ]:
        done = render(tmp_path, **{name: value})
        assert done.returncode != 0 and name in done.stderr
        assert not (tmp_path / "site.conf").exists()


def test_only_a_v3_onion_address_is_accepted(tmp_path):
    done = render(tmp_path, TASHARUK_ONION_ADDRESS="example.org")
    assert done.returncode != 0 and "onion" in done.stderr


def test_a_missing_certificate_is_named(tmp_path):
    env_file = tmp_path / "tasharuk.env"
    env_file.write_text("TASHARUK_NGINX_SERVER_NAME=tasharuk.example\n")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    done = subprocess.run(
        [sys.executable, str(RENDER), str(env_file), str(tmp_path / "site.conf")],
        capture_output=True,
        text=True,
        env=clean,
    )
    assert done.returncode != 0 and "TASHARUK_NGINX_CERTIFICATE" in done.stderr
