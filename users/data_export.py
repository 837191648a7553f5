"""“Download my data”: a JSON document of everything a member created.

Apps that keep member content register an exporter here (typically in their AppConfig.ready):

    from users import data_export
    data_export.register("collections", export_collections)  # callable(user) -> JSON-able

Each exporter returns only what belongs to the member it is given.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django_otp import devices_for_user

_exporters = {}


def register(name, exporter):
    """Add `exporter(user)` under `name` in the export; registering a name again replaces it."""
    _exporters[name] = exporter


def export_user_data(user):
    """The member's data as a dict ready for json.dumps."""
    data = {"exported_at": timezone.now().isoformat()}
    for name, exporter in _exporters.items():
        data[name] = exporter(user)
    return data


def export_account(user):
    return {
        "username": user.username,
        "display_name": user.display_name,
        "bio": user.bio,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def export_email_addresses(user):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user)
    ]


def export_devices(user):
    # Names and kinds only: keys and code hashes are secrets, not the member's content.
    return [
        {"kind": str(device._meta.verbose_name), "name": device.name, "confirmed": device.confirmed}
        for device in devices_for_user(user, confirmed=None)
    ]


def export_privacy_choices(user):
    return {field: getattr(user, field) for field in user.PRIVACY_FIELDS}


register("account", export_account)
register("email_addresses", export_email_addresses)
register("two_factor_devices", export_devices)
register("privacy_choices", export_privacy_choices)
