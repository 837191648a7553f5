"""The site's Ed25519 key for packs, in minisign's format, used through the `minisign` tool
(Debian's package) so that anyone can check a pack with the same ordinary tool.

The key lives in TASHARUK_PACK_SIGNING_KEY_DIR, outside the repository and the database:
`pack.key` (secret, no passphrase, so background workers can sign unattended; protect it by
file permissions) and `pack.pub`."""

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

SECRET_NAME = "pack.key"
PUBLIC_NAME = "pack.pub"
TIMEOUT = 60  # seconds; signing a manifest takes milliseconds


class SigningError(Exception):
    """Signing or verifying is impossible here, with the reason."""


def minisign():
    path = shutil.which("minisign")
    if path is None:
        raise SigningError(_("The minisign tool is not installed (Debian package: minisign)."))
    return path


def key_dir():
    configured = getattr(settings, "TASHARUK_PACK_SIGNING_KEY_DIR", "")
    return Path(configured) if configured else None


def has_key():
    folder = key_dir()
    return folder is not None and (folder / SECRET_NAME).exists()


def generate_key():
    """Create the site's key pair once; refuse when a key is already there (overwriting it
    would make every pack handed out so far unverifiable). Return the public key path."""
    folder = key_dir()
    if folder is None:
        raise SigningError(_("Set TASHARUK_PACK_SIGNING_KEY_DIR to the folder for the key."))
    secret, public = folder / SECRET_NAME, folder / PUBLIC_NAME
    if secret.exists() or public.exists():
        raise SigningError(
            _("A signing key already exists in %(folder)s; it is never overwritten.")
            % {"folder": folder}
        )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _run([minisign(), "-G", "-W", "-p", str(public), "-s", str(secret)])
    secret.chmod(0o600)
    return public


def public_key_text():
    """The public key file's content (two lines, as minisign writes it), or '' without one."""
    folder = key_dir()
    path = folder / PUBLIC_NAME if folder else None
    return path.read_text(encoding="utf-8") if path and path.exists() else ""


def public_key():
    """The public key's base64 line (what `minisign -P` takes), or ''."""
    lines = [line for line in public_key_text().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def key_id(public=None):
    """minisign's key id of a public key, as minisign prints it (hexadecimal, upper case)."""
    raw = base64.b64decode(public or public_key())
    return format(int.from_bytes(raw[2:10], "little"), "X")


def fingerprint(public=None):
    """SHA-256 of the raw public key, in groups of four: what to compare by voice or print."""
    digest = hashlib.sha256(base64.b64decode(public or public_key())).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def sign(path, trusted_comment):
    """Write `path`.minisig, signed with the site's key; return its path."""
    if not has_key():
        raise SigningError(_("This site has no signing key yet (manage.py trainers_signing_key)."))
    signature = Path(f"{path}.minisig")
    _run(
        [
            minisign(),
            "-S",
            "-s",
            str(key_dir() / SECRET_NAME),
            "-m",
            str(path),
            "-x",
            str(signature),
            "-t",
            trusted_comment,
        ]
    )
    return signature


def verify(path, signature, public):
    """True when `signature` is a good signature of `path` by `public` (base64 key)."""
    result = subprocess.run(
        [minisign(), "-V", "-q", "-m", str(path), "-x", str(signature), "-P", public],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    return result.returncode == 0


def _run(command):
    result = subprocess.run(
        command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, check=False
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).decode(errors="replace").strip()
        raise SigningError(message or "minisign failed")
