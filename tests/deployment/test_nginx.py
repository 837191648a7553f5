"""The deployment as production runs it: nginx (Debian's package, deploy/nginx's rendered site)
terminating TLS in front of gunicorn (deploy/gunicorn.conf.py) with production settings, on
loopback ports chosen at run time, with a self-signed certificate made for the test.

What a visitor would notice is checked over HTTPS through nginx: pages, static files, the API,
forms protected against cross-site posting, the onion address, and the request size limit."""

import os
import re
import subprocess
import sys
import time
from html import unescape

import pytest
import requests

from .services import (
    ROOT,
    database_copy,
    free_port,
    gunicorn,
    manage,
    production_environment,
    require,
    stop,
    wait_for_port,
)

# pytest-django creates the test database only for runs with a test that asks for it; the site
# fixture copies that database for gunicorn.
pytestmark = pytest.mark.django_db

ONION = "tasharukexampleonionaddressforthetestsonly234567abcdefgh.onion"
assert len(ONION) == 62  # 56 base32 characters and ".onion", as render.py demands


def certificate(folder):
    """A throwaway self-signed certificate for 127.0.0.1, valid one day."""
    require("openssl", "the test's certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def render_site(folder, values):
    """deploy/nginx/render.py, as an operator runs it, from an environment file."""
    env_file = folder / "tasharuk.env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASHARUK_")}
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "deploy/nginx/render.py"),
            str(env_file),
            str(folder / "site.conf"),
        ],
        check=True,
        capture_output=True,
        env=env,
    )


def main_config(folder):
    """An unprivileged nginx.conf of the test's own (pid, logs, temporary files under
    `folder`) that includes the rendered site, as Debian's nginx.conf includes sites-enabled."""
    paths = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # a root master's workers read tmp files
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 128; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"{paths}\n    include {folder}/site.conf;\n}}\n"
    )
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker, collected_static):
    """nginx on https://127.0.0.1:<port> in front of gunicorn; yields (base URL, session maker,
    reload(onion) to render the site again with or without an onion address)."""
    nginx = require("nginx", "the TLS proxy in front of gunicorn")
    folder = tmp_path_factory.mktemp("nginx")
    cert, key = certificate(folder)
    static_root = collected_static
    https_port, http_port = free_port(), free_port()
    with django_db_blocker.unblock(), database_copy("nginx") as database:
        env = production_environment(
            database,
            TASHARUK_TRUST_X_FORWARDED_PROTO="true",
            TASHARUK_TRUSTED_PROXY_COUNT="1",
            TASHARUK_STATIC_ROOT=str(static_root),
            TASHARUK_MEDIA_ROOT=str(folder / "media"),
        )
        with gunicorn(env) as web_port:
            values = {
                "TASHARUK_NGINX_SERVER_NAME": "127.0.0.1",
                "TASHARUK_NGINX_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
                "TASHARUK_NGINX_HTTP_LISTEN": f"127.0.0.1:{http_port}",
                "TASHARUK_NGINX_CERTIFICATE": cert,
                "TASHARUK_NGINX_CERTIFICATE_KEY": key,
                "TASHARUK_NGINX_UPSTREAM": f"127.0.0.1:{web_port}",
                "TASHARUK_NGINX_MAX_BODY": "1m",
                "TASHARUK_NGINX_LOG_DIR": folder,
                "TASHARUK_STATIC_ROOT": static_root,
                "TASHARUK_MEDIA_ROOT": folder / "media",
                "TASHARUK_ONION_ADDRESS": ONION,
            }
            render_site(folder, values)
            config = main_config(folder)
            subprocess.run([nginx, "-t", "-q", "-p", str(folder), "-c", str(config)], check=True)
            process = subprocess.Popen(
                [nginx, "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
                start_new_session=True,
            )
            try:
                wait_for_port(https_port, process, "nginx")

                def session():
                    browser = requests.Session()
                    browser.verify = str(cert)
                    # Not the environment's CA bundle or proxies: this certificate, loopback.
                    browser.trust_env = False
                    browser.headers["User-Agent"] = "tasharuk-deployment-test"
                    return browser

                def reload(onion):
                    render_site(folder, {**values, "TASHARUK_ONION_ADDRESS": onion})
                    process.send_signal(1)  # SIGHUP: re-read the site, as `nginx -s reload`
                    time.sleep(1.5)  # the new workers take over; the old finish their requests

                yield {
                    "url": f"https://127.0.0.1:{https_port}",
                    "http_url": f"http://127.0.0.1:{http_port}",
                    "session": session,
                    "reload": reload,
                    "static_root": static_root,
                }
            finally:
                stop(process)


def csrf_token(html):
    return unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_are_served_over_https_with_production_headers(site, language):
    response = site["session"]().get(f"{site['url']}/{language}/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    # Django saw the request as HTTPS (through X-Forwarded-Proto): it sends HSTS.
    assert "max-age=63072000" in response.headers["Strict-Transport-Security"]
    assert response.headers["Server"] == "nginx"  # no version given away


def test_plain_http_is_sent_to_https(site):
    response = requests.get(f"{site['http_url']}/en/", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://127.0.0.1")


def test_static_files_come_from_nginx_with_long_caching(site):
    browser = site["session"]()
    page = browser.get(f"{site['url']}/en/").text
    stylesheet = re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', page)[1]
    # The manifest's hashed name, as collectstatic wrote it into the static root.
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)
    response = browser.get(f"{site['url']}{stylesheet}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert (
        response.content == (site["static_root"] / stylesheet.removeprefix("/static/")).read_bytes()
    )
    # nginx's own caching rule (whitenoise, behind it, would say ten years, not one).
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"  # the .gz copy collectstatic made
    missing = browser.get(f"{site['url']}/static/no-such-file.css")
    assert missing.status_code == 404


def test_the_api_answers_through_the_proxy(site):
    browser = site["session"]()
    response = browser.get(f"{site['url']}/api/v1/categories/?locale=ar")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    listing = response.json()
    assert listing["count"] == len(listing["results"]) >= 10
    assert all("/ar/" in category["url"] for category in listing["results"])
    # The application's own reasons come back through the proxy unchanged.
    refused = browser.get(f"{site['url']}/api/v1/categories/?colour=red")
    assert refused.status_code == 400
    assert "colour" in refused.text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_form_posts_with_its_token_and_is_refused_without(site, language):
    browser = site["session"]()
    form = f"{site['url']}/{language}/feedback/"
    token = csrf_token(browser.get(form).text)
    # As a browser posts it: the page's token, the cookie nginx passed back, the page's origin.
    headers = {"Origin": site["url"], "Referer": form}
    fields = {"message": "The search page helped me find a guide.", "contact": ""}
    sent = browser.post(form, data={**fields, "csrfmiddlewaretoken": token}, headers=headers)
    assert sent.status_code == 200 and sent.url == form  # redirected back to the form
    thanks = "Curators read every message" if language == "en" else "يقرأ"
    assert thanks in sent.text
    forged = browser.post(form, data=fields, headers=headers, allow_redirects=False)
    assert forged.status_code == 403
    other_site = browser.post(
        form,
        data={**fields, "csrfmiddlewaretoken": csrf_token(browser.get(form).text)},
        headers={"Origin": "https://attacker.example", "Referer": "https://attacker.example/"},
        allow_redirects=False,
    )
    assert other_site.status_code == 403


def test_onion_location_only_when_an_onion_address_is_configured(site):
    browser = site["session"]()
    response = browser.get(f"{site['url']}/ar/")
    assert response.headers["Onion-Location"] == f"http://{ONION}/ar/"
    site["reload"]("")
    try:
        assert "Onion-Location" not in browser.get(f"{site['url']}/ar/").headers
    finally:
        site["reload"](ONION)


def test_an_oversized_body_is_refused_by_nginx(site):
    browser = site["session"]()
    form = f"{site['url']}/en/feedback/"
    token = csrf_token(browser.get(form).text)
    response = browser.post(
        form,
        data={"message": "x" * (2 * 1024 * 1024), "csrfmiddlewaretoken": token},
        headers={"Origin": site["url"], "Referer": form},
    )
    assert response.status_code == 413
    assert "nginx" in response.text  # refused in front, never reaching a gunicorn worker


def test_production_trusts_x_forwarded_proto_only_when_told(site):
    """A client could send X-Forwarded-Proto itself: without TASHARUK_TRUST_X_FORWARDED_PROTO
    production settings do not believe it."""
    check = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    for trust, expected in (("", "None"), ("true", "('HTTP_X_FORWARDED_PROTO', 'https')")):
        env = production_environment(
            os.environ["DATABASE_URL"], TASHARUK_TRUST_X_FORWARDED_PROTO=trust
        )
        assert manage(env, "shell", "-c", check).strip().splitlines()[-1] == expected
