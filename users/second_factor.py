"""The second factor: TOTP devices (django-otp) and hashed backup codes, and the checks every
login, reset and admin path shares."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.html import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.utils import get_otpauth_url

from tasharuk.ratelimit import count_in_window, hashed_client_address

from .models import BackupCodeDevice

CODE_ATTEMPTS_PER_USER = 5  # per CODE_ATTEMPT_WINDOW
CODE_ATTEMPTS_PER_ADDRESS = 20
CODE_ATTEMPT_WINDOW = 300  # seconds


def has_second_factor(user):
    """True when `user` has a confirmed device: every login and reset must then ask for it."""
    return (
        user is not None
        and user.pk is not None
        and any(True for _d in devices_for_user(user, confirmed=True))
    )


def totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user):
    device = BackupCodeDevice.objects.filter(user=user, confirmed=True).first()
    return device.codes.count() if device else 0


def verify_code(user, code):
    """Return the device that accepts `code` (an authenticator code or an unused backup code),
    or None. Devices throttle themselves; TOTP refuses a code already used."""
    code = "".join((code or "").split())
    if not code:
        return None
    # Only the kind of device the code is shaped for is asked: a failed check throttles a
    # device, and an authenticator code must not lock the backup codes (or the reverse).
    model = TOTPDevice if code.isdigit() and len(code) <= 8 else BackupCodeDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def mark_session_verified(request, device):
    """Record in the session that this login passed the second factor (django-otp's key, so
    OTPMiddleware's `request.user.is_verified()` sees it after the login completes)."""
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


def pending_totp_device(user):
    """The unconfirmed authenticator being set up, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def manual_key(device):
    key = base64.b32encode(device.bin_key).decode("ascii")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(user, device):
    """The otpauth URL as inline SVG, drawn here: the key never leaves for a QR service."""
    url = get_otpauth_url(
        accountname=user.get_username(),
        secret=base64.b32encode(device.bin_key).decode("ascii"),
        issuer=settings.WAGTAIL_SITE_NAME,
        digits=device.digits,
    )
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg") :]  # drop the XML declaration for inline use
    return mark_safe(svg)  # noqa: S308 — generated locally from our own data


@transaction.atomic
def confirm_totp_device(user, device):
    """Turn on 2FA: confirm the authenticator, drop other ones, issue fresh backup codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return regenerate_backup_codes(user)


@transaction.atomic
def regenerate_backup_codes(user):
    backup, _created = BackupCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "backup", "confirmed": True}
    )
    return backup.generate_codes()


@transaction.atomic
def remove_second_factor(user):
    TOTPDevice.objects.filter(user=user).delete()
    BackupCodeDevice.objects.filter(user=user).delete()


def _code_attempt_counters(request, user):
    counters = [(f"tasharuk:2fa:user:{user.pk}", CODE_ATTEMPTS_PER_USER)]
    if request is not None:
        counters.append(
            (f"tasharuk:2fa:{hashed_client_address(request)}", CODE_ATTEMPTS_PER_ADDRESS)
        )
    return counters


def code_attempts_exhausted(request, user):
    """True while the member, or the address, has had too many wrong codes in the window."""
    return any(
        (cache.get(key) or 0) >= limit for key, limit in _code_attempt_counters(request, user)
    )


def check_code_within_limits(request, user, check):
    """Run `check()` (which returns the accepting device or None) under the code limits shared
    by every form that takes a code: login, password reset, 2FA set-up.

    Only wrong codes count, against the member and the address; a right code clears the
    member's count, so signing in often never locks anyone out. Returns None without checking
    once the limits are exhausted (callers test `code_attempts_exhausted` to say why)."""
    if code_attempts_exhausted(request, user):
        return None
    device = check()
    if device is None:
        for key, _limit in _code_attempt_counters(request, user):
            count_in_window(key, CODE_ATTEMPT_WINDOW)
    else:
        cache.delete(f"tasharuk:2fa:user:{user.pk}")
    return device
