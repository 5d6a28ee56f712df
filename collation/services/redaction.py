"""Making a document's public copy: the original with the chosen passages removed.

Run by a worker (``tasks.make_public_copy``), with progress on the document's
``RedactionJob`` as extraction shows it. The copy is written by
``collation.pdf.redaction.pdf_redact`` (the text is removed from the page
content, black boxes mark where; metadata, annotations, forms, attachments
and scripts go), then read back exactly as the public will read it. Only if
no redacted passage can be read in it any more is it stored, in one
transaction with the pages' new text (which search indexes), and with the
redacted passages struck from the recommendations and codings quoted from
that document. Anything less leaves the document as it was and the job
failed, with the reason for the manager.
"""

import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from ..analysis.matching import contains, tolerant_pattern
from ..choices import FlagStatus, RedactionStatus
from ..models import (
    Coding,
    PersonalDataFlag,
    Recommendation,
    RedactionJob,
    Review,
    ReviewDocument,
    Suggestion,
)
from ..pdf.extract import extract_pages
from ..pdf.redaction import RedactionFailed, RedactionRequest, pdf_redact
from ..selectors.jobs import public_copy_stuck_q
from .pages import document_pages_replace, page_texts_for_storage
from .personal_data import public_copy_enqueue, public_copy_request, redaction_digest
from .processing import propose_codings

logger = logging.getLogger(__name__)

REDACTED = "[redacted]"
PROGRESS_EVERY_PAGES = 10


class _Refused(Exception):
    """The copy cannot be made from these decisions; the message says why, for a manager."""


def public_copy_make(*, document_id: int) -> None:
    """Make, check and store the document's public copy; record success or why not."""
    job = _claim(document_id)
    if job is None:
        return
    document = ReviewDocument.objects.select_related("review").get(pk=document_id)
    flags = list(document.personal_data_flags.filter(status=FlagStatus.REDACT))
    digest = redaction_digest(document)
    folder = Path(document.text_file.path).parent
    handle, temporary = tempfile.mkstemp(suffix=".pdf", dir=folder, prefix=".public-")
    os.close(handle)
    try:
        outcome = _redact(job, document, flags, Path(temporary))
        _progress(job, current=job.progress_total, status=RedactionStatus.READING)
        texts = page_texts_for_storage(list(extract_pages(temporary)))
        _check_nothing_left(texts, flags)
        _store(
            job=job,
            document=document,
            digest=digest,
            copy=Path(temporary),
            texts=texts,
            flags=flags,
            rasterised=outcome.rasterised,
        )
    except (OperationalError, InterfaceError):
        raise  # the database went away: nothing was stored; the task retries
    except _Refused as refusal:
        _fail(job, message=str(refusal))
    except Exception as error:
        logger.exception("Making the public copy of document %s failed", document_id)
        _fail(
            job,
            message="The public copy could not be made. Try again, or replace the "
            "document with another copy of the PDF.",
            error=error,
        )
    finally:
        Path(temporary).unlink(missing_ok=True)
    # Analysts code the public copy's text: suggestions follow it.
    propose_codings(document_id)
    # Decisions made while this ran are carried out by another run.
    public_copy_request(document_id=document_id)


def _claim(document_id: int) -> RedactionJob | None:
    with transaction.atomic():
        job = RedactionJob.objects.select_for_update().filter(document_id=document_id).first()
        if job is None or job.status in (RedactionStatus.DONE, RedactionStatus.FAILED):
            return None
        job.status, job.message, job.error = RedactionStatus.REDACTING, "Starting", ""
        job.attempts += 1
        job.progress_current = 0
        job.started_at, job.finished_at = timezone.now(), None
        job.save()
        return job


def _progress(job: RedactionJob, *, current: int, status: str, message: str = "") -> None:
    RedactionJob.objects.filter(pk=job.pk).update(
        status=status,
        progress_current=min(current, job.progress_total),
        message=message or RedactionStatus(status).label,
        updated_at=timezone.now(),
    )


def _redact(job, document, flags, target: Path):
    requests = [RedactionRequest(page=flag.page, text=flag.text) for flag in flags]

    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY_PAGES == 0 or done == total:
            _progress(
                job,
                current=done,
                status=RedactionStatus.REDACTING,
                message=f"Redacting page {done} of {total}",
            )

    try:
        outcome = pdf_redact(
            # A scan's OCR'd copy, whose text layer holds what was flagged on it.
            source=Path(document.text_file.path),
            target=target,
            requests=requests,
            progress=progress,
        )
    except RedactionFailed as failure:
        raise _Refused(str(failure)) from failure
    if outcome.not_found:
        missing = outcome.not_found[0]
        raise _Refused(
            f"“{missing.text[:80]}” could not be found on page {missing.page} of the PDF, so "
            "the public copy was not made. Undo that redaction and select the text again."
        )
    return outcome


def _check_nothing_left(texts: list[tuple[int, str]], flags: list[PersonalDataFlag]) -> None:
    """Read the copy as the public will: no redacted passage may be found on its page."""
    by_page = dict(texts)
    for flag in flags:
        if contains(by_page.get(flag.page, ""), flag.text):
            raise _Refused(
                f"“{flag.text[:80]}” could still be read on page {flag.page} after redaction, "
                "so the public copy was not made. Replace the document with another copy of "
                "the PDF."
            )


def _store(*, job, document, digest, copy: Path, texts, flags, rasterised) -> None:
    with transaction.atomic():
        document = ReviewDocument.objects.select_for_update().get(pk=document.pk)
        old_copy = document.public_copy.name
        with copy.open("rb") as handle:
            document.public_copy.save("public.pdf", File(handle), save=False)
        document.public_copy_digest = digest
        document.public_copy_made_at = timezone.now()
        document.rasterised_pages = {str(page): reason for page, reason in rasterised.items()}
        if not document.personal_data_flags.filter(status=FlagStatus.OPEN).exists():
            document.withheld_at = None
        document_pages_replace(document=document, texts=texts)
        _strike_from_quotes(document, flags)
        document.save()
        RedactionJob.objects.filter(pk=job.pk).update(
            status=RedactionStatus.DONE,
            progress_current=job.progress_total,
            message=_done_message(rasterised),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if old_copy:
            storage = document.public_copy.storage
            transaction.on_commit(lambda: storage.delete(old_copy))


def _done_message(rasterised: dict[int, str]) -> str:
    if not rasterised:
        return "Done"
    pages = ", ".join(str(page) for page in sorted(rasterised))
    return f"Done. Redacted as images (the text could not be rewritten safely): pages {pages}"


def _strike_from_quotes(document: ReviewDocument, flags: list[PersonalDataFlag]) -> None:
    """Recommendations, codings and suggestions quote the document, and the review's
    summary quotes its recommendations: the redacted passages go there too."""
    patterns = [pattern for flag in flags if (pattern := tolerant_pattern(flag.text))]
    if not patterns:
        return

    def strike(row, field: str) -> None:
        text = getattr(row, field)
        struck = text
        for pattern in patterns:
            struck = pattern.sub(REDACTED, struck)
        if struck != text:
            setattr(row, field, struck)
            row.save(update_fields=[field])

    for model, field in ((Recommendation, "text"), (Coding, "excerpt"), (Suggestion, "excerpt")):
        for row in model.objects.filter(document=document).only("pk", field):
            strike(row, field)
    # Saved as a whole review, so the public's cached pages change with it.
    strike(Review.objects.get(pk=document.review_id), "summary")


def _fail(job: RedactionJob, *, message: str, error: Exception | None = None) -> None:
    RedactionJob.objects.filter(pk=job.pk).update(
        status=RedactionStatus.FAILED,
        message=message[:300],
        error=f"{error.__class__.__name__}: {error}"[:2000] if error else message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def public_copies_requeue_stuck(*, older_than: timedelta) -> list[int]:
    """Send again the public copies whose worker stopped, or that never reached the queue."""
    with transaction.atomic():
        stuck = list(
            RedactionJob.objects.select_for_update(skip_locked=True).filter(
                public_copy_stuck_q(older_than=older_than)
            )
        )
        for job in stuck:
            job.status, job.message = RedactionStatus.QUEUED, "Waiting for a worker"
            job.save(update_fields=["status", "message", "updated_at"])
        document_ids = [job.document_id for job in stuck]
        transaction.on_commit(lambda: [public_copy_enqueue(document_id=pk) for pk in document_ids])
    return document_ids
