"""Production settings as the deployment tests serve them with gunicorn: everything production
does, except the static files manifest (collecting the static files would take the suite a
minute) and Argon2 (the tests' members are made with the test settings' fast hasher)."""

from tasharuk.settings.production import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
