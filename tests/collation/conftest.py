"""Fixtures for collation: sample PDFs, a way to ingest them with processing run, and the
queue or the media disk failing."""

import errno
import json
from pathlib import Path

import pytest
from kombu.exceptions import OperationalError as BrokerUnavailable

from collation import tasks
from collation.services.ingestion import document_ingest
from tests.factories import ReviewFactory

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
REPORTS = SAMPLES / "reports"
BAD = SAMPLES / "bad"
VALID = BAD / "valid_report.pdf"


def searchable_document(board, texts: list[str], *, publish=True, **review):
    """A review with one document whose pages are ``texts``, indexed for search."""
    from django.contrib.postgres.search import SearchVector

    from collation.models import DocumentPage
    from tests.factories import DocumentFactory

    document = DocumentFactory(
        review=ReviewFactory(board=board, publish=publish, **review), page_count=len(texts)
    )
    for number, text in enumerate(texts, start=1):
        DocumentPage.objects.create(document=document, number=number, text=text)
    DocumentPage.objects.filter(document=document).update(
        search_vector=SearchVector("text", config="english")
    )
    return document


def sample_truth(name: str) -> dict:
    folder = BAD if name.startswith("valid_report") else REPORTS
    return json.loads((folder / f"{name}.truth.json").read_text())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores its uploads in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft_review(board):
    return ReviewFactory(board=board, title="Serious Case Review: Child R", reference="NS-01")


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Upload a file as a user; processing runs in-process once the upload commits."""

    def run(
        *, user, review, path: Path, kind: str = "overview_report", filename: str | None = None
    ):
        with django_capture_on_commit_callbacks(execute=True), path.open("rb") as stream:
            document = document_ingest(
                user=user, review=review, stream=stream, filename=filename or path.name, kind=kind
            )
        document.refresh_from_db()
        return document

    return run


@pytest.fixture
def check_all(django_capture_on_commit_callbacks):
    """Decide every open flag of a review as a manager would, and let the public copies be
    made (as the worker does once the decisions commit)."""
    from collation.choices import FlagStatus
    from collation.models import PersonalDataFlag
    from collation.services.personal_data import flag_decide

    def run(*, user, review, decision=FlagStatus.NOT_PERSONAL, reason="Invented test data"):
        with django_capture_on_commit_callbacks(execute=True):
            for flag in PersonalDataFlag.objects.filter(
                document__review=review, status=FlagStatus.OPEN
            ):
                flag_decide(user=user, flag=flag, decision=decision, reason=reason)
        review.refresh_from_db()
        return review

    return run


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


@pytest.fixture
def disk_full(monkeypatch):
    def full(source, target, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", full)


@pytest.fixture
def demo_users(db):
    """The demo's boards and users (seed_demo's accounts), by username."""
    from scr_platform.accounts.demo import accounts_demo_seed
    from scr_platform.accounts.models import User

    accounts_demo_seed()
    return {name: User.objects.get(username=name) for name in ("admin", "analyst", "verifier")}


@pytest.fixture
def loaded(demo_users):
    """The demo's synthetic history, written (``services.demo_history``)."""
    from collation.services.demo_history import synthetic_history_load

    return synthetic_history_load(
        publisher=demo_users["admin"], coder=demo_users["analyst"], verifier=demo_users["verifier"]
    )
