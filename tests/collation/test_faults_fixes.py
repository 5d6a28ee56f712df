"""Fixes for what the whole-service fault tests (tests/system/) found, each pinned in-process.

- Redis down: every API request failed in the throttle (its counts live in the
  cache); and an upload's task could not be sent: the request hung ~20 s on the
  result backend and then answered 500 after the upload had committed.
- Disk full on the media volume: a 500, and a half-written copy left in storage.
"""

import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerUnavailable
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from collation import tasks
from collation.api.views import ReviewViewSet
from collation.choices import JobStatus
from collation.models import ProcessingJob, ReviewDocument
from collation.services import ingestion
from collation.services.ingestion import DocumentRejected, document_ingest
from collation.services.processing import QUEUE_UNAVAILABLE_MESSAGE, jobs_requeue_stuck
from tests.collation.conftest import BAD

pytestmark = pytest.mark.django_db

VALID = BAD / "valid_report.pdf"


def stored_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return [Path(root) / name for root, _, names in os.walk(media_root) for name in names]


@pytest.fixture
def broker_down(monkeypatch):
    """Sending a document's task fails as kombu fails when Redis refuses the connection."""

    def refuse(*args, **kwargs):
        raise BrokerUnavailable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.process_document, "delay", refuse)


def ingest_valid(manager, review, capture):
    with capture(execute=True), VALID.open("rb") as stream:
        return document_ingest(
            user=manager, review=review, stream=stream, filename=VALID.name, kind="overview_report"
        )


# --- Redis (the broker) down ------------------------------------------------------


def test_no_collation_task_stores_a_result_so_sending_never_waits_on_the_result_store():
    for task in (
        tasks.process_document,
        tasks.requeue_stuck_jobs,
        tasks.refresh_review_issues,
        tasks.rebuild_review_issues,
    ):
        assert task.ignore_result is True, task.name


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


def test_the_upload_page_with_the_queue_down_accepts_the_file(
    client, manager, draft_review, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collation:document-upload", args=[draft_review.pk]),
            {
                "kind": "overview_report",
                "files": [SimpleUploadedFile(VALID.name, VALID.read_bytes(), "application/pdf")],
            },
        )
    assert response.status_code == 302
    document = ReviewDocument.objects.get()
    page = client.get(reverse("collation:document-progress", args=[draft_review.pk, document.pk]))
    assert "Waiting for the processing queue" in page.content.decode()


class _UnreachableCache:
    def get(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    set = add = get


def test_an_api_upload_is_not_refused_because_the_throttle_cache_is_down(
    api_client, manager, draft_review, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(ReviewViewSet, "throttle_classes", [UserRateThrottle])
    monkeypatch.setattr(SimpleRateThrottle, "cache", _UnreachableCache())
    api_client.force_authenticate(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/collation/reviews/{draft_review.pk}/upload/",
            {"kind": "overview_report", "files": [VALID.open("rb")]},
            format="multipart",
        )
    assert response.status_code == 202, response.data
    assert ReviewDocument.objects.count() == 1


def test_the_throttle_still_applies_to_uploads_while_the_cache_is_up(
    api_client, manager, draft_review, monkeypatch
):
    class OnePerDay(UserRateThrottle):
        rate = "1/day"

    monkeypatch.setattr(ReviewViewSet, "throttle_classes", [OnePerDay])
    api_client.force_authenticate(manager)
    url = f"/api/collation/reviews/{draft_review.pk}/upload/"
    assert api_client.post(url, {}, format="multipart").status_code == 400
    assert api_client.post(url, {}, format="multipart").status_code == 429


# --- The media volume full ----------------------------------------------------------


class _FillsUp:
    """A temporary file whose disk fills after ``room`` bytes."""

    def __init__(self, real, room: int):
        self._real, self._room = real, room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        self._real.__enter__()
        return self

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)


def test_a_full_disk_while_receiving_is_refused_clearly_and_leaves_nothing(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    real = ingestion.tempfile.NamedTemporaryFile
    monkeypatch.setattr(
        ingestion.tempfile,
        "NamedTemporaryFile",
        lambda **kwargs: _FillsUp(real(**kwargs), room=10_000),
    )
    with pytest.raises(DocumentRejected) as refusal:
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert refusal.value.code == "storage_full"
    assert "run out of storage space" in refusal.value.message
    assert not ReviewDocument.objects.exists() and not ProcessingJob.objects.exists()
    assert stored_files(media_root) == []


def test_a_full_disk_while_storing_leaves_no_half_written_copy(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def half_then_full(source, target, **kwargs):
        # What a copy does when the disk fills part-way: half a file, then ENOSPC.
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", half_then_full)
    with pytest.raises(DocumentRejected) as refusal:
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert refusal.value.code == "storage_full"
    assert not ReviewDocument.objects.exists() and not ProcessingJob.objects.exists()
    assert stored_files(media_root) == []


def test_the_checked_file_is_moved_into_storage_not_copied(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    """A move needs no second copy's space (and cannot leave half of one)."""
    moved = []
    real_rename = os.rename

    def rename(source, target):
        moved.append((Path(source).parent.name, Path(target).suffix))
        return real_rename(source, target)

    monkeypatch.setattr("django.core.files.move.os.rename", rename)
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert moved == [("incoming", ".pdf")]
    assert Path(document.file.path).read_bytes() == VALID.read_bytes()
    assert stored_files(media_root) == [Path(document.file.path)]


def test_another_os_error_is_not_mistaken_for_a_full_disk(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def denied(source, target, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", denied)
    with pytest.raises(PermissionError):
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.fixture
def disk_full(monkeypatch):
    def full(source, target, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", full)


def test_the_api_answers_503_with_retry_after_when_storage_is_full(
    api_client, manager, draft_review, disk_full
):
    api_client.force_authenticate(manager)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/",
        {"kind": "overview_report", "files": [VALID.open("rb")]},
        format="multipart",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    [outcome] = response.data
    assert (outcome["accepted"], outcome["code"]) == (False, "storage_full")
    assert not ReviewDocument.objects.exists()


def test_the_upload_page_shows_the_full_disk_in_its_error_summary(
    client, manager, draft_review, disk_full
):
    client.force_login(manager)
    response = client.post(
        reverse("collation:document-upload", args=[draft_review.pk]),
        {
            "kind": "overview_report",
            "files": [SimpleUploadedFile(VALID.name, VALID.read_bytes(), "application/pdf")],
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in content
    assert "run out of storage space" in content
    assert not ReviewDocument.objects.exists()
