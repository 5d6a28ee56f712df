"""Fixtures for collation: sample PDFs and a way to ingest them with processing run."""

import json
from pathlib import Path

import pytest

from collation.services.ingestion import document_ingest
from tests.factories import ReviewFactory

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
REPORTS = SAMPLES / "reports"
BAD = SAMPLES / "bad"


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
