"""Production: refuses to start without its secrets; strict transport and cookie security."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ENV_ALLOWED_HOSTS,
    ENV_CACHE_URL,
    ENV_DATABASE_URL,
    ENV_PROCESSES,
    ENV_SECRET_KEY,
    ENV_TRUST_FORWARDED_PROTO,
)

DEBUG = False

if not ENV_SECRET_KEY or len(ENV_SECRET_KEY) < 50:
    raise ImproperlyConfigured("TASHARUK_SECRET_KEY must be set to at least 50 random characters.")
if not ENV_ALLOWED_HOSTS:
    raise ImproperlyConfigured("TASHARUK_ALLOWED_HOSTS must list the site's host names.")
if not ENV_DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must point at the production PostgreSQL database.")
# Rate limits, cached pages and their invalidation only hold across processes through the
# shared cache: without it, each process would count and cache alone (docs/operations/).
if ENV_PROCESSES > 1 and not ENV_CACHE_URL:
    raise ImproperlyConfigured(
        "TASHARUK_PROCESSES is more than 1: set TASHARUK_CACHE_URL to the shared cache server "
        "(redis://host:port/db), or run a single process."
    )

# Behind the TLS-terminating proxy (deploy/nginx), requests reach gunicorn over plain HTTP and
# the proxy's X-Forwarded-Proto says how the client came. A client can send that header too, so
# it is believed only when the operator says a proxy that overwrites it is in front; otherwise
# only a request that really came over TLS counts as secure.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ENV_TRUST_FORWARDED_PROTO else None
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63_072_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"

# Background work waits in the database for `manage.py db_worker` (several workers, even on
# several machines, never run one task twice: each claims its row with SELECT … FOR UPDATE
# SKIP LOCKED before running it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
