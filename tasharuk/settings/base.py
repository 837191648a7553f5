"""Settings shared by every environment; dev, test and production import and adjust these."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

# --- Environment -----------------------------------------------------------------------------
# Every value read from the environment is declared here, once, with its type and default.
# Security-relevant values (SECRET_KEY, ALLOWED_HOSTS) have no default outside dev/test.
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

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = ENV_SECRET_KEY
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "home",
    "library",
    "community",
    "users",
    "search",
    "sitebuild",
    "programs",
    "curation",
    "trainers",
    "paths",
    "api",
    "safety",
    "ninja",  # serves the API docs' Swagger UI from its bundled static files, not a CDN
    "vocabulary",
    "allauth",
    "allauth.account",  # not socialaccount, usersessions (stores IPs) or mfa: see DESIGN.md
    "two_factor",
    "django_otp",
    "django_otp.plugins.otp_totp",  # backup codes are users.BackupCodeDevice (hashed)
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # the database queue production's workers read (manage.py db_worker)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the sitemap.xml template (api.sitemap)
]

MIDDLEWARE = [
    # /healthz and /readyz, before host checks, the HTTPS redirect and everything else.
    "tasharuk.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tasharuk.public_responses.TextCompressionMiddleware",  # gzip text only (BREACH: see module)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Signed-out visitors' public pages from a short-lived cache; outside the session, CSRF and
    # CSP middleware so it sees the cookies and headers they set (tasharuk/public_responses.py).
    "tasharuk.public_responses.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "users.middleware.SessionPrivacyMiddleware",  # no address or user agent in session rows
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.http.OpenEndpointsMiddleware",  # CORS, ETag/304, caching, rate limit of open routes
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "users.signed_in_pages.SignedInPagesMiddleware",  # no-store, Clear-Site-Data, last-used day
    "django.contrib.messages.middleware.MessageMiddleware",
    "users.middleware.SecondFactorSafetyNetMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "users.middleware.AdminSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "users.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "tasharuk.urls"
WSGI_APPLICATION = "tasharuk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(ENV_DATABASE_URL, conn_max_age=60)
    if ENV_DATABASE_URL
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ENV_SQLITE_PATH or BASE_DIR / "db.sqlite3",
        # A demo/development database: with the write-ahead log and synchronous=NORMAL a commit
        # waits for no fsync of the main file, which halves `migrate` and the demo load on a busy
        # disk. The database stays consistent; only the last transactions can be lost on a power
        # failure, and `make run` rebuilds them.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"


def cache_settings(url, key_prefix):
    """CACHES for a shared cache server at `url` (tasharuk/shared_cache.py), or, without one,
    for caches in each process's memory (one process only).

    Rate-limit counters, kept menus and counts, the search fallback's answers and the
    invalidation generations live in "default"; "public_pages" holds signed-out visitors'
    pages (tasharuk/public_responses.py), so emptying it never resets a rate limit. When the
    server is away, "default" counts in the process and "public_pages" keeps nothing."""
    if not url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "public_pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "public-pages",
                # ~20 KB a page: at most ~20 MB a worker.
                "OPTIONS": {"MAX_ENTRIES": 1000},
            },
        }
    return {
        "default": {
            "BACKEND": "tasharuk.shared_cache.SharedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"FALLBACK": "local"},
        },
        "public_pages": {
            "BACKEND": "tasharuk.shared_cache.SharedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{key_prefix}-pages",
            "OPTIONS": {"FALLBACK": "none"},
        },
    }


CACHES = cache_settings(ENV_CACHE_URL, ENV_CACHE_KEY_PREFIX)
TASHARUK_PUBLIC_CACHE = {
    # How long a signed-out visitor's page is reused (0: never). Publishing forgets the pages
    # of every process at once (a generation number in the shared cache).
    "SECONDS": ENV_PUBLIC_CACHE_SECONDS,
    # How long the menu, footer and home addresses every page shows are kept in the cache
    # (home/templatetags/navigation_tags.py); publishing forgets them at once.
    "SITE_CHROME_SECONDS": 30,
    # How long the number of resources per category (home page, category index, API) is kept
    # in the cache: counting them reads every filing of every resource. Publishing forgets it.
    "CATEGORY_COUNT_SECONDS": 300,
    # Page types whose anonymous renderings may be reused; never member or form pages.
    "PAGE_TYPES": [
        "home.HomePage",
        "home.StandardPage",
        "home.GuidePage",
        "library.LibraryIndexPage",
        "library.CategoryIndexPage",
        "library.CategoryPage",
        "library.ResourcePage",
    ],
    # Saving or deleting one of these forgets every process's cached pages.
    "CLEARED_BY": [
        "community.Rating",
        "community.Comment",
        "community.FeaturedCollection",
        "curation.LinkHealth",
        "curation.WantedNote",
        "home.FooterText",
        "vocabulary.Concept",
        # A view restriction hides its page from every listing (library.visibility).
        "wagtailcore.PageViewRestriction",
        # A tool warning shows on every page that lists the resource (safety/).
        "safety.ToolStatus",
    ],
}

# --- Passwords -------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {
        "NAME": "users.password_validation.MaximumLengthValidator",
        "OPTIONS": {"max_length": 1024},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Reset links (Django's and allauth's token generators both read this) last one hour.
PASSWORD_RESET_TIMEOUT = 3600

# --- Accounts: allauth owns every login path, django-otp the devices --------------------------
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "users_account"
# The signed-out page clears the browser's cookies for the site (users/signed_in_pages.py).
ACCOUNT_LOGOUT_REDIRECT_URL = "users_signed_out"
ACCOUNT_ADAPTER = "users.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_USERNAME_VALIDATORS = "users.usernames.username_validators"
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_EMAIL_VERIFICATION = "optional"  # verified when given; sign-up never needs one
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # still passes the second-factor stage
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False  # sessions end when the browser closes
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # before changing email or password
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False  # links only, so the 2FA code form applies
# "strict": a known e-mail address at sign-up looks like a new one (users.adapter mails its owner).
ACCOUNT_PREVENT_ENUMERATION = "strict"
ACCOUNT_FORMS = {"reset_password_from_key": "users.forms.ResetPasswordKeyForm"}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",  # over the limit: a 429 page (users.adapter)
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "10/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Rate limits count per client address; behind a proxy that is the address the proxy reports.
ALLAUTH_TRUSTED_PROXY_COUNT = ENV_TRUSTED_PROXY_COUNT
TWO_FACTOR_PATCH_ADMIN = False  # django.contrib.admin is not installed
OTP_TOTP_ISSUER = "Tasharuk"

# --- Sessions and cookies --------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # server-side; the cookie is an opaque id
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Response headers ------------------------------------------------------------------------
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Public pages: our own scripts only, each inline one with the request's nonce. Resource
# frames load third-party sites, but only after the reader clicks (templates/library/).
# The Wagtail admin needs inline scripts and styles, so it is left out of this policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files ----------------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(ENV_STATIC_ROOT) if ENV_STATIC_ROOT else BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(ENV_MEDIA_ROOT) if ENV_MEDIA_ROOT else BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Tasharuk"
WAGTAILADMIN_BASE_URL = ENV_BASE_URL
# The public address (TASHARUK_BASE_URL): what link previews and canonical links name.
TASHARUK_SITE_URL = ENV_BASE_URL
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# The admin's own search stays on the database; the public search has its own gateway (search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Privacy: no Gravatar requests and no phoning home from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "account_login"  # the admin's login is the site's (with its 2FA stage)
# Private pages send visitors to the same login (users/wagtail_frontend.py).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Search ----------------------------------------------------------------------------------
TASHARUK_SEARCH = {
    "URL": ENV_SEARCH_URL,  # comma-separated node URLs (see ENV_SEARCH_URL)
    "INDEX_PREFIX": ENV_SEARCH_INDEX_PREFIX,
    "REPLICAS": ENV_SEARCH_REPLICAS,
    "USER": ENV_SEARCH_USER,
    "PASSWORD": ENV_SEARCH_PASSWORD,
    "API_KEY": ENV_SEARCH_API_KEY,
    "CA_CERTS": ENV_SEARCH_CA_CERTS,
    "TIMEOUT": ENV_SEARCH_TIMEOUT,
    "RETRIES": int(ENV_SEARCH_RETRIES) if ENV_SEARCH_RETRIES else None,
    # How long a rebuild waits for the new index's replicas before swapping the alias to it.
    "REPLICA_WAIT_SECONDS": 120,
    # Anonymous zero-result counts (knowledge gaps) older than this are purged.
    "ZERO_RESULT_RETENTION_DAYS": 180,
    # How often a process checks whether curators changed the vocabulary (its own saves count
    # at once), and whether the engine's synonyms are rebuilt in the saving request's thread
    # (tests) instead of a background thread after the commit.
    "VOCABULARY_CHECK_SECONDS": 5,
    "VOCABULARY_REFRESH_INLINE": False,
    # The PostgreSQL fallback remembers a search's page, total and facets this long (0: never);
    # any change to the indexed resources makes new entries at once (search.database._cached).
    "FALLBACK_CACHE_SECONDS": 60,
    # Searches ask the engine to keep each search's matches, total and facet counts in its
    # shard request cache, which it empties whenever the index changes: a repeated search is
    # answered without matching again, never with a stale answer (search.engine.search).
    "ENGINE_REQUEST_CACHE": True,
}

# --- Email -----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = ENV_DEFAULT_FROM_EMAIL
EMAIL_HOST = ENV_EMAIL_URL_HOST
EMAIL_PORT = ENV_EMAIL_PORT
EMAIL_HOST_USER = ENV_EMAIL_USER
EMAIL_HOST_PASSWORD = ENV_EMAIL_PASSWORD
EMAIL_USE_TLS = True

# --- Logging: never the client's address -----------------------------------------------------
# django.server's access lines start with the client address; the project logs requests only
# through loggers that do not carry it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

SITE_NAME = _("Tasharuk")

# --- Members ---------------------------------------------------------------------------------
TASHARUK_MEMBERS = {
    # A new member's first N comments wait for a curator before they appear (0: never held).
    "HOLD_FIRST_COMMENTS": 1,
    # How long authors may edit their comments.
    "COMMENT_EDIT_MINUTES": 15,
    # Per-scope overrides of library.ratelimit.DEFAULT_LIMITS: {"comment": (count, seconds)}.
    "RATE_LIMITS": {},
}

# --- Background tasks ------------------------------------------------------------------------
# Django's tasks framework (django-tasks). Development and tests run every task at once, in the
# request or command that enqueued it; production (settings/production.py) queues them in the
# database for `manage.py db_worker` processes.
TASHARUK_PACK_SIGNING_KEY_DIR = ENV_PACK_SIGNING_KEY_DIR

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Curation: link health, knowledge gaps, currency -----------------------------------------
TASHARUK_CURATION = {
    # A link is marked broken after this many failed checks in a row (one run = one check).
    "BROKEN_AFTER_FAILURES": 3,
    # Politeness: at most this many hosts are checked at once, one request at a time per host,
    # with this many seconds between two requests to the same host.
    "LINK_CHECK_HOSTS_AT_ONCE": 4,
    "LINK_CHECK_HOST_DELAY": 1.0,
    # Transient failures (timeouts, 5xx) are retried this often, waiting BACKOFF, 2×BACKOFF, …
    "LINK_CHECK_RETRIES": 2,
    "LINK_CHECK_BACKOFF": 2.0,
    # Links checked more recently than this are skipped by a scheduled run.
    "LINK_CHECK_MIN_AGE_HOURS": 20,
    # A category × language cell of the coverage matrix with fewer resources is "thin".
    "THIN_COVERAGE_BELOW": 3,
    # Resources not reviewed for this many days join the curators' review queue.
    "REVIEW_AFTER_DAYS": 365,
}
