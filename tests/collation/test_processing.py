"""Processing (services/processing.py): queueing a document's job, and the sweep that
sends again the jobs that never reached a worker."""

from datetime import timedelta
from pathlib import Path

import pytest

from collation import tasks
from collation.choices import JobStatus
from collation.models import ProcessingJob
from collation.services.processing import QUEUE_UNAVAILABLE_MESSAGE, jobs_requeue_stuck
from tests.collation.conftest import VALID, ingest_valid

pytestmark = pytest.mark.django_db


def test_an_upload_with_the_queue_down_is_kept_and_says_it_is_waiting(
    manager, draft_review, broker_down, django_capture_on_commit_callbacks
):
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    job = ProcessingJob.objects.get(document=document)
    assert job.status == JobStatus.QUEUE_DOWN
    assert job.message == QUEUE_UNAVAILABLE_MESSAGE
    assert Path(document.file.path).read_bytes() == VALID.read_bytes()


def test_the_sweep_sends_a_never_sent_job_at_once_when_the_queue_is_back(
    manager, draft_review, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    sent = []
    monkeypatch.setattr(tasks.process_document, "delay", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        # Not ten minutes old, yet taken: it never reached a worker.
        requeued = jobs_requeue_stuck(older_than=timedelta(minutes=10))

    assert requeued == [document.pk]
    assert sent == [document.pk]
    job = ProcessingJob.objects.get(document=document)
    assert (job.status, job.message) == (JobStatus.QUEUED, "Waiting for a worker")


def test_the_sweep_leaves_a_recently_queued_job_that_was_sent(
    manager, draft_review, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(tasks.process_document, "delay", sent.append)
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    assert sent == [document.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_requeue_stuck(older_than=timedelta(minutes=10)) == []
    assert sent == [document.pk]
