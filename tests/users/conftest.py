"""Fixtures for accounts tests: members with and without a second factor, TOTP codes."""

import time

import pytest
from django.core.cache import cache
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from users import second_factor
from users.models import User

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def totp_code(device):
    """A code the device accepts now and has not seen before (TOTP refuses a reused step)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step_now = totp.t()
    target = max(step_now, device.last_t + 1)
    assert target <= step_now + device.tolerance, "more than two TOTP codes within one step"
    totp.time = device.t0 + target * device.step + 1
    return totp.token()


def make_member(username="nadia", email="", password=PASSWORD, **fields):
    user = User.objects.create_user(username=username, password=password, **fields)
    if email:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def give_second_factor(user):
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    codes = second_factor.confirm_totp_device(user, device)
    return device, codes


@pytest.fixture
def member(db):
    return make_member()


@pytest.fixture
def protected_member(db):
    """A member with an email address, an authenticator and backup codes."""
    user = make_member(username="salma", email="salma@example.org")
    device, codes = give_second_factor(user)
    user.totp_device = device
    user.backup_codes = codes
    return user


def now():
    return time.time()
