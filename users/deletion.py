"""“Delete my account”: the account goes; the member chooses what happens to contributions.

Apps that keep member content register a handler (typically in their AppConfig.ready):

    from users import deletion
    deletion.register(handle_contributions)  # callable(user, mode)

`mode` is DELETE (remove the member's contributions) or ANONYMISE (keep them, detached from
the member). Handlers run inside the deletion's transaction, before the user row goes.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from .sessions import end_sessions

DELETE = "delete"
ANONYMISE = "anonymise"
MODES = [
    (ANONYMISE, _("Keep my contributions, without my name")),
    (DELETE, _("Delete my contributions too")),
]

_handlers = []


def register(handler):
    if handler not in _handlers:
        _handlers.append(handler)


@transaction.atomic
def delete_account(user, mode):
    """Remove `user` with their email addresses, devices and sessions; contributions are
    deleted or anonymised by the registered handlers according to `mode`."""
    if mode not in (DELETE, ANONYMISE):
        raise ValueError(mode)
    for handler in _handlers:
        handler(user, mode)
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    end_sessions(user, include_expired=True)
    user.delete()  # email addresses and confirmations cascade
