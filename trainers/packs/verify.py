"""Checking a pack as a recipient would: the manifest's signature by the site's key, then every
file against the manifest, and no file that the manifest does not list."""

import hashlib
import tempfile
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from .. import signing
from .build import MANIFEST, SIGNATURE


class PackInvalid(Exception):
    """The pack fails the check; the message says why, for the person holding it."""


def _parse_manifest(data):
    listed = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackInvalid(_("The manifest is not readable text.")) from None
    for line in text.splitlines():
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise PackInvalid(_("The manifest has a line that is not a file's SHA-256."))
        listed[name] = digest
    return listed


def verify_pack(path, public=None):
    """Check the ZIP at `path` against `public` (the site's key by default). Return the number
    of files checked; raise PackInvalid with the reason when anything is wrong."""
    public = public or signing.public_key()
    if not public:
        raise PackInvalid(_("No public key to check against: this site has no signing key."))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise PackInvalid(_("This is not a complete ZIP file: it may be truncated.")) from None
    with archive:
        try:
            files = {name: archive.read(name) for name in archive.namelist()}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise PackInvalid(
                _("A file in the pack cannot be read (%(reason)s).") % {"reason": error}
            ) from None
    if MANIFEST not in files or SIGNATURE not in files:
        raise PackInvalid(_("The pack has no signed manifest (SHA256SUMS and its .minisig)."))
    with tempfile.TemporaryDirectory() as folder:
        manifest, signature = Path(folder) / MANIFEST, Path(folder) / SIGNATURE
        manifest.write_bytes(files[MANIFEST])
        signature.write_bytes(files[SIGNATURE])
        if not signing.verify(manifest, signature, public):
            raise PackInvalid(
                _(
                    "The manifest's signature does not match this site's key: the pack was changed or signed by someone else."
                )
            )
    listed = _parse_manifest(files[MANIFEST])
    for name, digest in listed.items():
        if name not in files:
            raise PackInvalid(
                _("A file listed in the manifest is missing: %(name)s") % {"name": name}
            )
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise PackInvalid(_("This file was changed: %(name)s") % {"name": name})
    extra = sorted(set(files) - set(listed) - {MANIFEST, SIGNATURE})
    if extra:
        raise PackInvalid(
            _("The pack holds files the manifest does not list: %(names)s")
            % {"names": ", ".join(extra)}
        )
    return len(listed)
