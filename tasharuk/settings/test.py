"""Test settings: PostgreSQL from DATABASE_URL (set by `make test`), fast hashing, no real email."""

import os

from .base import *  # noqa: F403
from .base import ENV_CACHE_URL, ENV_SEARCH_INDEX_PREFIX, cache_settings

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests never touch development indexes; parallel work trees set their own prefix.
TASHARUK_SEARCH = {**TASHARUK_SEARCH, "INDEX_PREFIX": f"{ENV_SEARCH_INDEX_PREFIX}-test"}  # noqa: F405
# Each test changes the vocabulary inside its own transaction: re-check it on every search, and
# rebuild the engine's synonyms in the test's thread (it cannot see uncommitted rows otherwise).
TASHARUK_SEARCH["VOCABULARY_CHECK_SECONDS"] = 0
TASHARUK_SEARCH["VOCABULARY_REFRESH_INLINE"] = True
# Tests that change content between two requests see the change; tests/pages turn it on.
TASHARUK_PUBLIC_CACHE = {  # noqa: F405
    **TASHARUK_PUBLIC_CACHE,  # noqa: F405
    "SECONDS": 0,
    "SITE_CHROME_SECONDS": 0,
    "CATEGORY_COUNT_SECONDS": 0,
    "PAGE_PARTS_SECONDS": 0,
}
# With TASHARUK_CACHE_URL (set by `make test`) the caches are the shared Redis ones production
# uses. Each run keys its entries apart (work trees share a server, and a run must not read
# what the last one left); servers a test starts are given the run's prefix explicitly.
CACHES = cache_settings(
    ENV_CACHE_URL,
    os.environ.get("TASHARUK_CACHE_KEY_PREFIX") or f"test-{ENV_SEARCH_INDEX_PREFIX}-{os.getpid()}",
)
