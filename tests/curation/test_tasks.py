"""Background tasks: run at once in development and tests; queued in the database for workers
in production, where two workers never take the same task."""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from curation import tasks
from search.models import PendingIndexUpdate
from tests.factories import ResourcePageFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_tasks_run_immediately_in_development_and_tests():
    result = tasks.send_email.enqueue("Hello", "Body", ["curator@example.org"])
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [message.subject for message in mail.outbox] == ["Hello"]


@pytest.mark.django_db
def test_the_search_outbox_replay_task_empties_the_outbox():
    page = ResourcePageFactory()
    PendingIndexUpdate.objects.get_or_create(translation_key=page.translation_key)
    result = tasks.replay_search_outbox.enqueue()
    assert result.return_value is True
    assert not PendingIndexUpdate.objects.filter(translation_key=page.translation_key).exists()


@pytest.mark.django_db
def test_production_queues_tasks_until_a_worker_runs_them(settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    # The worker closes stale connections between tasks; inside a test transaction it must not.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    result = tasks.send_email.enqueue("Queued", "Body", ["curator@example.org"])
    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.subject for message in mail.outbox] == ["Queued"]
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_task_claimed_by_one_worker_is_invisible_to_another(settings):
    settings.TASKS = DATABASE_QUEUE
    tasks.send_email.enqueue("Once", "Body", ["curator@example.org"])
    claimed, release = threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():
                assert DBTaskResult.objects.ready().get_locked() is not None
                claimed.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert claimed.wait(10)
        with transaction.atomic():
            assert DBTaskResult.objects.ready().get_locked() is None
    finally:
        release.set()
        thread.join()
    DBTaskResult.objects.all().delete()
