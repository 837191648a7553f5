"""Settings shared by every environment; dev, test and production import and adjust these."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from .caching import CACHES, TASHARUK_PUBLIC_CACHE, cache_settings  # noqa: F401 (settings)
from .environment import (  # noqa: F401 (the environments' settings import them from here)
    ENV_ALLOWED_HOSTS,
    ENV_BASE_URL,
    ENV_CACHE_KEY_PREFIX,
    ENV_CACHE_URL,
    ENV_DATABASE_URL,
    ENV_DEFAULT_FROM_EMAIL,
    ENV_EMAIL_PASSWORD,
    ENV_EMAIL_PORT,
    ENV_EMAIL_URL_HOST,
    ENV_EMAIL_USER,
    ENV_MEDIA_ROOT,
    ENV_PACK_SIGNING_KEY_DIR,
    ENV_PROCESSES,
    ENV_PUBLIC_CACHE_SECONDS,
    ENV_SEARCH_API_KEY,
    ENV_SEARCH_CA_CERTS,
    ENV_SEARCH_INDEX_PREFIX,
    ENV_SEARCH_PASSWORD,
    ENV_SEARCH_REPLICAS,
    ENV_SEARCH_RETRIES,
    ENV_SEARCH_TIMEOUT,
    ENV_SEARCH_URL,
    ENV_SEARCH_USER,
    ENV_SECRET_KEY,
    ENV_SQLITE_PATH,
    ENV_STATIC_ROOT,
    ENV_TRUST_FORWARDED_PROTO,
    ENV_TRUSTED_PROXY_COUNT,
)

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
    "tasharuk.request_memo.RequestMemoMiddleware",  # lookups kept for one request only
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
