"""Every value read from the environment, declared here once with its type and default
(settings/base.py and the environments' settings read them from here).

Security-relevant values (SECRET_KEY, ALLOWED_HOSTS) have no default outside dev/test."""

import os

ENV_SECRET_KEY = os.environ.get("TASHARUK_SECRET_KEY", "")
ENV_DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Without DATABASE_URL (`make run`): the SQLite file; benchmarks point it at a scratch file.
ENV_SQLITE_PATH = os.environ.get("TASHARUK_SQLITE_PATH", "")
ENV_ALLOWED_HOSTS = [h for h in os.environ.get("TASHARUK_ALLOWED_HOSTS", "").split(",") if h]
# Where readers reach the site (scheme, host and port): canonical, hreflang and share links name
# it, and the demo loader points the Wagtail Site record at it. `make run` serves 127.0.0.1:8000.
ENV_BASE_URL = os.environ.get("TASHARUK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The engine's nodes: one URL, or several separated by commas (each gets requests in turn, and
# a request a node cannot answer is retried on another). Empty: database search.
ENV_SEARCH_URL = os.environ.get("TASHARUK_SEARCH_URL", "")
ENV_SEARCH_INDEX_PREFIX = os.environ.get("TASHARUK_SEARCH_INDEX_PREFIX", "tasharuk")
# Copies of each shard besides the primary: 0 on one node, 1 or more on a cluster.
ENV_SEARCH_REPLICAS = int(os.environ.get("TASHARUK_SEARCH_REPLICAS", "0"))
# A managed cluster's credentials: a user and password (basic auth) or an API key (the encoded
# "id:key" an Elasticsearch-API service gives), never both. Sent only over https in production.
ENV_SEARCH_USER = os.environ.get("TASHARUK_SEARCH_USER", "")
ENV_SEARCH_PASSWORD = os.environ.get("TASHARUK_SEARCH_PASSWORD", "")
ENV_SEARCH_API_KEY = os.environ.get("TASHARUK_SEARCH_API_KEY", "")
# A CA bundle (PEM) to verify the engine's certificate with; empty: the system's CAs.
ENV_SEARCH_CA_CERTS = os.environ.get("TASHARUK_SEARCH_CA_CERTS", "")
ENV_SEARCH_TIMEOUT = float(os.environ.get("TASHARUK_SEARCH_TIMEOUT", "10"))  # seconds a request
# Retries of a request that failed to connect or timed out, each on another node; empty: one
# fewer than the nodes listed (a single URL, such as a managed cluster's endpoint: none).
ENV_SEARCH_RETRIES = os.environ.get("TASHARUK_SEARCH_RETRIES", "")
ENV_EMAIL_URL_HOST = os.environ.get("TASHARUK_EMAIL_HOST", "")
ENV_EMAIL_PORT = int(os.environ.get("TASHARUK_EMAIL_PORT", "587"))
ENV_EMAIL_USER = os.environ.get("TASHARUK_EMAIL_USER", "")
ENV_EMAIL_PASSWORD = os.environ.get("TASHARUK_EMAIL_PASSWORD", "")
ENV_DEFAULT_FROM_EMAIL = os.environ.get("TASHARUK_FROM_EMAIL", "Tasharuk <noreply@localhost>")
# How long signed-out visitors' pages are reused, in seconds (0: off; tasharuk/public_responses.py).
ENV_PUBLIC_CACHE_SECONDS = int(os.environ.get("TASHARUK_PUBLIC_CACHE_SECONDS", "30"))
# The shared cache (a Redis-protocol server: redis://[:password@]host:port/db, rediss:// for
# TLS; several URLs separated by commas: the first takes writes, the others serve reads).
# Empty: each process keeps its own cache in memory, which is right for one process only
# (production refuses to start with TASHARUK_PROCESSES > 1 without it). See
# docs/operations/shared-cache.md.
ENV_CACHE_URL = os.environ.get("TASHARUK_CACHE_URL", "")
# Prefix of every key, so that several sites (or test runs) can share one server.
ENV_CACHE_KEY_PREFIX = os.environ.get("TASHARUK_CACHE_KEY_PREFIX", "tasharuk")
# How many processes serve the site (web workers and task workers, on all machines together).
ENV_PROCESSES = int(os.environ.get("TASHARUK_PROCESSES", "1"))
# How many reverse proxies sit in front of the site (their X-Forwarded-For entries are trusted).
ENV_TRUSTED_PROXY_COUNT = int(os.environ.get("TASHARUK_TRUSTED_PROXY_COUNT", "0"))
# Whether the proxy in front terminates TLS and says so in X-Forwarded-Proto (production only:
# trusted only when the operator says a proxy sets it, since a client could send it too).
ENV_TRUST_FORWARDED_PROTO = os.environ.get("TASHARUK_TRUST_X_FORWARDED_PROTO", "").lower() in {
    "1",
    "true",
    "yes",
}
# Where collectstatic writes and uploads live (nginx serves both); empty: beside the code.
ENV_STATIC_ROOT = os.environ.get("TASHARUK_STATIC_ROOT", "")
ENV_MEDIA_ROOT = os.environ.get("TASHARUK_MEDIA_ROOT", "")
# Where the site's Ed25519 key that signs offline packs lives (outside the repository and the
# database; `manage.py trainers_signing_key` creates it once). Empty: packs cannot be signed.
ENV_PACK_SIGNING_KEY_DIR = os.environ.get("TASHARUK_PACK_SIGNING_KEY_DIR", "")
