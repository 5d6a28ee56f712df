"""A worker killed mid-document: the next worker finishes it, complete and exactly once."""

import os
import signal
import time
from datetime import timedelta

import pypdfium2 as pdfium
import pytest

from collation.choices import DocumentStatus, JobStatus
from collation.models import DocumentPage, ProcessingJob
from collation.services.ingestion import document_ingest
from collation.services.processing import jobs_requeue_stuck
from tests.collation.conftest import REPORTS
from tests.factories import BoardFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

TARGET_PAGES = 1200


@pytest.fixture
def long_report(tmp_path):
    """A report of about 1,200 pages, made by joining the samples: slow enough to interrupt."""
    combined = pdfium.PdfDocument.new()
    samples = sorted(REPORTS.glob("*.pdf"))
    while len(combined) < TARGET_PAGES:
        for sample in samples:
            source = pdfium.PdfDocument(str(sample))
            combined.import_pages(source)
            source.close()
            if len(combined) >= TARGET_PAGES:
                break
    path = tmp_path / "long_report.pdf"
    combined.save(str(path))
    pages = len(combined)
    combined.close()
    return path, pages


def wait_for(condition, *, timeout: float, interval: float = 0.05, describe=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout} s waiting for {condition.__doc__}: {describe()}")


def test_killing_the_worker_mid_extraction_loses_nothing(start_worker, long_report, tmp_path):
    # The workers and this test share the test settings' MEDIA_ROOT.
    path, page_count = long_report
    board = BoardFactory()
    manager = UserFactory(roles=["lscb_manager"], board=board)
    review = ReviewFactory(board=board)

    first = start_worker("first")
    with path.open("rb") as stream:
        document = document_ingest(
            user=manager, review=review, stream=stream, filename="long.pdf", kind="overview_report"
        )
    job = ProcessingJob.objects.get(document=document)

    def extracting():
        """the first worker to be part-way through reading pages"""
        job.refresh_from_db()
        return job.status == JobStatus.EXTRACTING and job.progress_current >= 40

    wait_for(extracting, timeout=60, describe=lambda: (tmp_path / "first.log").read_text())
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)

    # Nothing half-written: pages are stored only when the whole document is read.
    assert DocumentPage.objects.filter(document=document).count() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.EXTRACTING

    start_worker("second")
    assert jobs_requeue_stuck(older_than=timedelta(0)) == [document.pk]

    def done():
        """the second worker to finish the document"""
        job.refresh_from_db()
        return job.status in (JobStatus.DONE, JobStatus.FAILED)

    wait_for(done, timeout=120, interval=0.2)
    job.refresh_from_db()
    document.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 2
    assert document.status == DocumentStatus.READY
    numbers = list(
        DocumentPage.objects.filter(document=document)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == list(range(1, page_count + 1))  # every page, once
