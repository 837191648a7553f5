"""Backups that restore (docs/operations/backups.md): a site with members, ratings, collections
and a program is dumped with pg_dump (custom format), restored with pg_restore into a new
database, its search index rebuilt from the restored rows into an index of its own, and served
by gunicorn with production settings: the same pages, members and search results come back."""

import os
import re
import secrets
import subprocess
from urllib.parse import urlencode

import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Locale

from community.collections import default_collection, save_resource
from community.models import Collection
from community.ratings import rate_resource
from programs.services import enrol
from tests.factories import ResourcePageFactory
from tests.programs.conftest import build_program

from .services import (
    current_test_database,
    database_url,
    gunicorn,
    manage,
    postgres_tool,
    production_environment,
    run_sql,
)

PASSWORD = "a long passphrase for the backup test 42"
WORD = "quokkaveil"  # a word no other content uses: the search must find exactly ours


@pytest.fixture
def engine_url():
    """The real engine (the restored site's search is rebuilt into it); skip without one, fail
    in CI."""
    from opensearchpy import OpenSearch

    url = os.environ.get("TASHARUK_SEARCH_URL", "")
    try:
        OpenSearch(hosts=[url], timeout=5, max_retries=0).info()
    except Exception as error:  # noqa: BLE001 - any failure means there is no engine to use
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the real search engine: {error}")
        pytest.skip(f"no search engine at {url!r}: {error}")
    return url


def build_library():
    """Members, resources, ratings, collections and an enrolment in a bilingual program."""
    members = [
        get_user_model().objects.create_user(
            username=f"reader{n}",
            password=PASSWORD,
            display_name=f"Reader Number {n}",
            show_display_name=True,
            show_collections=True,  # named beside their public collections (their choice)
        )
        for n in range(3)
    ]
    resources = [
        ResourcePageFactory(title=f"{WORD.title()} guide {n}", slug=f"{WORD}-{n}") for n in range(3)
    ]
    for stars, member in zip((5, 4, 2), members, strict=True):
        rate_resource(member, resources[0].translation_key, stars)
    rate_resource(members[1], resources[1].translation_key, 3)
    shared = Collection.objects.create(
        owner=members[0], name="Field kit for reporters", is_public=True
    )
    for resource in resources:
        save_resource(members[0], resource.translation_key, collection=shared, note="Read first")
    save_resource(members[2], resources[2].translation_key)
    default_collection(members[1])
    program = build_program(weeks=2, arabic=True, slug="advocacy")
    enrol(members[1], program, pseudonym="Field mentor student")
    return members, resources, shared, program


def row_counts(url):
    """Rows in every table of the database at `url` (PostgreSQL's catalogue, counted exactly)."""
    import psycopg

    with psycopg.connect(url) as database:
        tables = database.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
        return {
            table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for (table,) in tables
        }


def test_a_dump_restores_into_a_fresh_database_with_the_same_site(
    committed_site, engine_url, collected_static, tmp_path, settings
):
    # Members' passwords hashed as production hashes them (test settings use a fast hasher
    # production does not accept): the restored site must let them sign in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    members, resources, shared, program = build_library()
    arabic_program = program.get_translation(Locale.objects.get(language_code="ar"))
    source = database_url(current_test_database())
    dump = tmp_path / "tasharuk.dump"
    connection.close()  # nothing half-written: the dump sees what the site committed
    # The procedure of docs/operations/backups.md, with this server's own binaries.
    subprocess.run(
        [postgres_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", source],
        check=True,
    )
    restored_name = f"{current_test_database()}_restored_{secrets.token_hex(4)}"
    run_sql(f'CREATE DATABASE "{restored_name}" TEMPLATE template0')
    prefix = f"restore-{secrets.token_hex(4)}"
    try:
        restored = database_url(restored_name)
        subprocess.run(
            [
                postgres_tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={restored}",
                str(dump),
            ],
            check=True,
        )
        assert row_counts(restored) == row_counts(source)

        env = production_environment(
            restored,
            TASHARUK_SEARCH_URL=engine_url,
            TASHARUK_SEARCH_INDEX_PREFIX=prefix,
            TASHARUK_TRUST_X_FORWARDED_PROTO="true",
            TASHARUK_PUBLIC_CACHE_SECONDS="0",
            TASHARUK_STATIC_ROOT=str(collected_static),
        )
        assert "Indexed" in manage(env, "search_index", "rebuild", "--no-progress")
        # Every live resource in the index, the fallback refilled, nothing pending.
        assert "Search index is healthy." in manage(env, "search_index", "health")

        with gunicorn(env) as port:
            site = Visitor(port)
            for page in [*resources, program, arabic_program]:
                response = site.get(page.url)
                assert response.status_code == 200, page.url
                assert page.title in response.text
            collection = site.get(f"/en/collections/{shared.pk}/")
            assert collection.status_code == 200
            assert "Reader Number 0" in collection.text  # the owner, named as they chose
            for resource in resources:
                assert resource.title in collection.text
            results = site.get(f"/en/search/?{urlencode({'q': WORD})}")
            assert results.status_code == 200
            # The engine highlights the matched word in each title: read the text a reader sees.
            text = re.sub(r"<[^>]+>", "", results.text)
            titles = {resource.title for resource in resources}
            assert set(re.findall(rf"{WORD.title()} guide \d", text)) == titles
            api = site.get(f"/api/v1/search/?{urlencode({'q': WORD, 'locale': 'en'})}").json()
            assert {result["title"] for result in api["results"]} == titles
            assert api.get("notice") is None  # answered by the rebuilt index, not the fallback
            # Members sign in with the passwords they had (their hashes came back).
            assert site.sign_in(members[1].username, PASSWORD)
            assert not Visitor(port).sign_in(members[1].username, "not the password at all")
    finally:
        run_sql(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
        from opensearchpy import OpenSearch

        OpenSearch(hosts=[engine_url]).indices.delete(
            index=f"{prefix}-*", ignore_unavailable=True, expand_wildcards="all"
        )


class Visitor:
    """A browser's requests to gunicorn, as nginx passes them on (X-Forwarded-Proto: https)."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers.update({"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})

    def get(self, path):
        return self.session.get(f"{self.base}{path}", timeout=60)

    def sign_in(self, username, password):
        """True when the login form accepts the member (a redirect to their account)."""
        form = self.get("/en/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
        # The cookies are Secure and __Host-: sent over "https" as the proxy reports it.
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        response = self.session.post(
            f"{self.base}/en/accounts/login/",
            data={"login": username, "password": password, "csrfmiddlewaretoken": token},
            headers={
                "Origin": "https://127.0.0.1",
                "Referer": "https://127.0.0.1/en/accounts/login/",
                "Cookie": cookies,
            },
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code == 302 and "account" in response.headers["Location"]
