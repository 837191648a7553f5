"""Local development: `make run` uses these (SQLite, database search, console email)."""

from .base import *  # noqa: F403
from .base import ENV_SECRET_KEY

DEBUG = True
SECRET_KEY = ENV_SECRET_KEY or "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Edits show at once while developing.
TASHARUK_PUBLIC_CACHE = {  # noqa: F405
    **TASHARUK_PUBLIC_CACHE,  # noqa: F405
    "SECONDS": 0,
    "SITE_CHROME_SECONDS": 0,
    "CATEGORY_COUNT_SECONDS": 0,
    "PAGE_PARTS_SECONDS": 0,
}
