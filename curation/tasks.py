"""Background work as Django tasks: link checks, search outbox replay and re-indexing, e-mail.

`make run` and the tests run them at once (the immediate backend); production queues them in
the database for `manage.py db_worker` (see settings and docs/operations/background-tasks.md).
Arguments and return values are plain JSON, as a queue needs.
"""

from django.core.mail import send_mail
from django_tasks import task


@task()
def check_links(translation_keys=None, force=False):
    """Check the source URLs that are due (or only `translation_keys`); return {outcome: n}."""
    from .link_health import check_links as run_check

    return run_check(keys=translation_keys, force=force)


@task()
def replay_search_outbox():
    """Index whatever waits in the search outbox; True when the outbox is empty afterwards."""
    from search.indexing import replay

    return replay()


@task()
def reindex_resources(translation_keys):
    """Re-index these resources now (after vocabulary or bulk changes), then the outbox."""
    from uuid import UUID

    from search.indexing import update

    return update({UUID(str(key)) for key in translation_keys})


@task()
def send_email(subject, body, recipients):
    """Send one plain-text e-mail from DEFAULT_FROM_EMAIL; returns how many were sent."""
    return send_mail(subject, body, None, list(recipients))
