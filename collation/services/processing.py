"""Turning a stored document into checked, searchable text.

Idempotent by design: text is read first, outside any transaction, and then
the document's pages, recommendations and flags are replaced in one
transaction, so a reader sees all of a run or none of it. A job already done
is left alone (a redelivered message does nothing); a job whose worker died
is picked up again by the next delivery or by the stuck-job sweep.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from ..analysis.personal_data import DETECTOR_VERSION
from ..choices import DocumentStatus, FlagSource, JobStatus
from ..models import (
    ProcessingJob,
    ReviewDocument,
)
from ..pdf.extract import ExtractedPage, extract_pages, text_layer_missing
from ..selectors.jobs import processing_stuck_q
from .findings import carried_over_resolutions, findings_store
from .ocr import ScanReading, scan_read, scan_store, scan_unstore, scan_warnings
from .pages import document_pages_replace, pages_without_running_lines
from .personal_data import public_copy_request, redaction_digest

logger = logging.getLogger(__name__)

PROGRESS_EVERY_PAGES = 20
# Warnings each processing run works out afresh.
RUN_WARNINGS = ("no_text_layer", "page_count_mismatch", "unreadable_pages", "ocr_pages")
# Shown on a job whose task could not be sent because the queue (Redis) was
# down (status QUEUE_DOWN). The stuck-job sweep sends such a job again at its
# next run without waiting for the heartbeat deadline: it never reached a
# worker, so it cannot be running anywhere.
QUEUE_UNAVAILABLE_MESSAGE = (
    "Waiting for the processing queue, which is not responding: "
    "processing will start automatically when it is back"
)


class JobAlreadyDone(Exception):
    """The document was processed by an earlier delivery of the same task."""


def _claim(document_id: int) -> ProcessingJob:
    with _derived_data_transaction():
        job = ProcessingJob.objects.select_for_update().get(document_id=document_id)
        if job.status == JobStatus.DONE:
            raise JobAlreadyDone
        job.status = JobStatus.EXTRACTING
        job.attempts = F("attempts") + 1
        job.started_at = timezone.now()
        job.finished_at = None
        job.progress_current = 0
        job.error = ""
        job.message = f"Reading page 0 of {job.progress_total}"
        job.save()
        job.refresh_from_db()
        return job


@contextmanager
def _derived_data_transaction():
    """A transaction whose commit need not wait for the disk.

    Everything processing writes can be derived again from the stored PDF, and
    a job whose last commits were lost in a database crash is left unfinished
    with a stale heartbeat, so the stuck-job sweep runs it again. Waiting for
    the disk three times per document would cost more than the small
    documents' processing itself. (The upload, which is not derived, commits
    normally.)
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _progress(job: ProcessingJob, *, current: int, status: str, message: str) -> None:
    # Committed at once, so pages watching the job see it now.
    with _derived_data_transaction():
        ProcessingJob.objects.filter(pk=job.pk).update(
            status=status,
            progress_current=min(current, job.progress_total),
            message=message,
            updated_at=timezone.now(),
        )


def _read_pages(job: ProcessingJob, document: ReviewDocument) -> list[ExtractedPage]:
    pages: list[ExtractedPage] = []
    total = job.progress_total
    for page in extract_pages(document.file.path):
        pages.append(page)
        if page.number % PROGRESS_EVERY_PAGES == 0:
            _progress(
                job,
                current=page.number,
                status=JobStatus.EXTRACTING,
                message=f"Reading page {page.number} of {total}",
            )
    return pages


def document_process(*, document_id: int) -> None:
    """Extract, analyse and store a document's text; record success or failure on its job."""
    try:
        job = _claim(document_id)
    except JobAlreadyDone:
        logger.info("Document %s already processed; nothing to do", document_id)
        return
    document = ReviewDocument.objects.select_related("review__board").get(pk=document_id)
    scan = None
    try:
        pages = _read_pages(job, document)
        scan = _read_scan(job, document, pages)
        _progress(
            job,
            current=len(pages),
            status=JobStatus.ANALYSING,
            message="Finding recommendations and possible personal data",
        )
        _store_results(job=job, document=document, pages=pages, scan=scan)
        propose_codings(document_id)
    except (OperationalError, InterfaceError):
        # The database went away: nothing was written; let the task retry.
        raise
    except Exception as error:
        logger.exception("Processing document %s failed", document_id)
        _fail(job=job, document=document, error=error)
    finally:
        if scan is not None:
            scan.discard()


def _read_scan(
    job: ProcessingJob, document: ReviewDocument, pages: list[ExtractedPage]
) -> ScanReading | None:
    """OCR of the scanned pages, with progress page by page."""

    def progress(done: int, total: int) -> None:
        _progress(
            job,
            current=done,
            status=JobStatus.OCR,
            message=f"Reading scanned page {done} of {total} (OCR)",
        )

    return scan_read(document=document, pages=pages, progress=progress)


def propose_codings(document_id: int) -> None:
    """Ask for suggested codings in a task of their own, once the text is stored.

    The document is searchable as soon as its pages commit; suggestions (some
    60% of a document's processing time on the samples) follow in their own
    task, on whichever worker is free. If the queue is down they are made here.
    """
    from ..tasks import suggest_codings

    try:
        suggest_codings.delay(document_id)
    except BrokerUnavailable:
        codings_propose(document_id=document_id)


def codings_propose(*, document_id: int) -> None:
    """Suggested codings for analysts; a failure here never fails the document."""
    from .suggestions import document_suggestions_refresh

    try:
        document_suggestions_refresh(document_id=document_id)
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        logger.exception("Suggesting codings for document %s failed", document_id)


def _fail(*, job: ProcessingJob, document: ReviewDocument, error: Exception) -> None:
    with _derived_data_transaction():
        ProcessingJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message="The document could not be read. Replace it with another copy of the PDF.",
            error=f"{error.__class__.__name__}: {error}"[:2000],
        )
        # Saved (not updated) so that a published review's pages are refreshed.
        document.status = DocumentStatus.FAILED
        document.save(update_fields=["status"])


def _store_results(
    *,
    job: ProcessingJob,
    document: ReviewDocument,
    pages: list[ExtractedPage],
    scan: ScanReading | None = None,
) -> None:
    try:
        with _derived_data_transaction():
            _replace_results(job=job, document=document, pages=pages, scan=scan)
    except BaseException:
        scan_unstore(scan)
        raise


def _replace_results(
    *,
    job: ProcessingJob,
    document: ReviewDocument,
    pages: list[ExtractedPage],
    scan: ScanReading | None,
) -> None:
    if scan is not None and scan.pages:
        pages = scan.pages  # the scanned pages' text as OCR read it
    review = document.review  # already loaded, with its board
    document = ReviewDocument.objects.select_for_update().get(pk=document.pk)
    document.review = review
    resolutions = carried_over_resolutions(document)
    document.recommendations.all().delete()
    # Text a manager selected for redaction stays chosen; detection runs afresh.
    document.personal_data_flags.exclude(source=FlagSource.SELECTED).delete()
    bodies, running = pages_without_running_lines(pages)
    document_pages_replace(document=document, texts=[(p.number, p.text) for p in bodies])

    # Warnings from an earlier run are recomputed; the upload checks' own stay.
    warnings = [w for w in document.warnings if w.get("code") not in RUN_WARNINGS]
    unreadable = [page.number for page in pages if page.problem]
    if unreadable:
        warnings.append(
            {
                "code": "unreadable_pages",
                "message": f"{len(unreadable)} page{'s' if len(unreadable) > 1 else ''} could "
                f"not be read and {'are' if len(unreadable) > 1 else 'is'} stored without text: "
                f"{', '.join(map(str, unreadable[:20]))}{'…' if len(unreadable) > 20 else ''}.",
            }
        )
    warnings += scan_warnings(scan)
    scan_store(document=document, reading=scan)
    if not text_layer_missing(pages):
        findings_store(
            document=document, pages=pages, bodies=bodies, running=running, resolutions=resolutions
        )
        document.status = DocumentStatus.READY
        message = "Done"
    else:
        unavailable = f" {scan.unavailable}" if scan is not None and scan.unavailable else ""
        warnings.append(
            {
                "code": "no_text_layer",
                "message": "Scanned – no text: this PDF has no text layer"
                f"{' and OCR could not read it' if not unavailable else ''}, so it cannot be "
                f"searched or checked for personal data.{unavailable} Upload a PDF with text.",
            }
        )
        document.status = DocumentStatus.NO_TEXT
        message = "Scanned – no text"
    if len(pages) != document.page_count:
        warnings.append(
            {
                "code": "page_count_mismatch",
                "message": f"The PDF declares {document.page_count} pages but "
                f"{len(pages)} could be read.",
            }
        )
    document.warnings = warnings
    document.detector_version = DETECTOR_VERSION
    # The pages now hold the original's text again: any public copy is out of date
    # (the public no longer sees the document) until it is made again.
    document.public_copy_digest = ""
    document.redaction_digest = redaction_digest(document)
    document.save()
    transaction.on_commit(lambda: public_copy_request(document_id=document.pk))

    ProcessingJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress_current=job.progress_total,
        message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def document_enqueue(*, document_id: int) -> bool:
    """Send a document to the workers; if the queue is unreachable, say so on its job.

    Called once the upload's transaction has committed, so the document and its
    job are already safe in the database. A broker outage must not turn that
    accepted upload into an error page (the uploader would try again and be told
    it is a duplicate), nor lose it: the job stays queued, marked, and the
    stuck-job sweep sends it when the queue is back.
    """
    from ..tasks import process_document

    try:
        process_document.delay(document_id)
    except BrokerUnavailable:
        logger.warning(
            "Could not queue document %s: the broker is unreachable; the sweep will retry",
            document_id,
        )
        ProcessingJob.objects.filter(document_id=document_id, status=JobStatus.QUEUED).update(
            status=JobStatus.QUEUE_DOWN,
            message=QUEUE_UNAVAILABLE_MESSAGE,
            updated_at=timezone.now(),
        )
        return False
    return True


def document_reprocess(*, document: ReviewDocument) -> ProcessingJob:
    """Queue a document to be processed again (its pages are replaced when it runs)."""
    with transaction.atomic():
        job = ProcessingJob.objects.select_for_update().get(document=document)
        job.status = JobStatus.QUEUED
        job.progress_current = 0
        job.message = "Waiting for a worker"
        job.error = ""
        job.save()
        document.status = DocumentStatus.PROCESSING
        document.save(update_fields=["status"])
        transaction.on_commit(lambda: document_enqueue(document_id=document.pk))
    return job


def jobs_requeue_stuck(*, older_than: timedelta) -> list[int]:
    """Queue again every unfinished job whose heartbeat stopped ``older_than`` ago.

    Jobs that were never sent because the queue was down are sent at once.
    """
    with transaction.atomic():
        stuck = list(
            ProcessingJob.objects.select_for_update(skip_locked=True).filter(
                processing_stuck_q(older_than=older_than)
            )
        )
        for job in stuck:
            job.message = (
                "Waiting for a worker"
                if job.status == JobStatus.QUEUE_DOWN
                else "Restarted: the worker handling it stopped responding"
            )
            job.status = JobStatus.QUEUED
            job.save(update_fields=["status", "message", "updated_at"])
        document_ids = [job.document_id for job in stuck]
        transaction.on_commit(lambda: [document_enqueue(document_id=pk) for pk in document_ids])
    if document_ids:
        logger.warning("Re-queued stuck processing jobs for documents %s", document_ids)
    return document_ids
