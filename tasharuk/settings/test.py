"""Test settings: PostgreSQL from DATABASE_URL (set by `make test`), fast hashing, no real email."""

from .base import *  # noqa: F403

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
