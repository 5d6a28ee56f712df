"""Taking in a document: every check before anything is stored, then queue it.

A rejected file leaves nothing behind: it is read into a temporary file,
checked, and only then moved into storage inside the transaction that records
it; if that transaction fails, the stored file is removed again. A full disk
is refused the same way, with its own message (``storage_full``).
"""

import errno
import hashlib
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..choices import DocumentKind, DocumentStatus, FlagStatus, JobStatus
from ..models import ProcessingJob, Review, ReviewDocument
from ..pdf.checks import PdfRejected, pdf_inspect
from ..rules import can_manage_review, can_view_review
from .processing import document_enqueue

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1024 * 1024
# The media volume is full (or over quota): nothing can be stored until an
# operator makes room, so the uploader is told plainly rather than shown a 500.
NO_SPACE_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
STORAGE_FULL_MESSAGE = (
    "The file could not be saved because the service has run out of storage space. "
    "Nothing was saved. Try again later, and contact the national team if this keeps happening."
)


class DocumentRejected(Exception):
    """A file refused before storing, with a code and a message for the uploader."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _refuse_if_disk_full(error: OSError) -> None:
    """Turn 'no space left' into a clear refusal; any other OS error stays an error."""
    if error.errno in NO_SPACE_ERRNOS:
        logger.error("Upload refused: the media volume is full (%s)", error)
        raise DocumentRejected("storage_full", STORAGE_FULL_MESSAGE) from error


class _CheckedFile(File):
    """The checked temporary file, handed to storage to be moved rather than copied.

    FileSystemStorage moves anything with ``temporary_file_path()`` (as it does
    Django's own temporary uploads). The temporary file sits under MEDIA_ROOT,
    so the move is a rename: it needs no second copy's worth of space and
    cannot leave half a file behind when the disk fills.
    """

    def __init__(self, path: Path):
        super().__init__(None, name=path.name)
        self._path = path

    def temporary_file_path(self) -> str:
        return str(self._path)


@dataclass(frozen=True)
class _Received:
    path: Path
    sha256: str
    size: int


def _receive(stream: BinaryIO, *, directory: Path, max_bytes: int) -> _Received:
    """Copy the upload to a temporary file, hashing as it goes, refusing oversize files."""
    digest = hashlib.sha256()
    size = 0
    # Kept after closing (delete=False): it is checked, then moved or removed by the caller.
    handle = tempfile.NamedTemporaryFile(dir=directory, suffix=".pdf", delete=False)  # noqa: SIM115
    try:
        with handle:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise DocumentRejected(
                        "too_large",
                        f"The file is larger than {max_bytes // (1024 * 1024)} MB. "
                        "Upload a smaller file, for example without embedded images.",
                    )
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return _Received(path=Path(handle.name), sha256=digest.hexdigest(), size=size)


def _duplicate_message(*, user: User, existing: ReviewDocument) -> str:
    review = existing.review
    if can_view_review(user, review):
        return (
            f"This file has already been uploaded, as the {existing.get_kind_display().lower()} "
            f"of {review.board}'s review {review.reference} ({review.title})."
        )
    # Another board's draft: say that it exists, never where.
    return (
        "This file has already been uploaded to the platform, to a review you cannot see. "
        "If you think that is a mistake, contact the national team."
    )


def document_ingest(
    *, user: User, review: Review, stream: BinaryIO, filename: str, kind: str
) -> ReviewDocument:
    """Check an uploaded PDF, store it, and queue its processing.

    Raises ``DocumentRejected`` (nothing stored) or ``PermissionDenied``.
    """
    if not can_manage_review(user, review):
        raise PermissionDenied("You cannot add documents to this review.")
    if kind not in DocumentKind.values:
        raise DocumentRejected("invalid_kind", "Choose what kind of document this is.")
    incoming = Path(settings.MEDIA_ROOT) / "incoming"
    try:
        incoming.mkdir(parents=True, exist_ok=True)
        received = _receive(stream, directory=incoming, max_bytes=settings.UPLOAD_MAX_BYTES)
    except OSError as error:  # _receive has already removed its partial copy
        _refuse_if_disk_full(error)
        raise
    try:
        if received.size == 0:
            raise DocumentRejected("empty_file", "The file is empty. Upload the report as a PDF.")
        existing = (
            ReviewDocument.objects.select_related("review__board")
            .filter(sha256=received.sha256)
            .first()
        )
        if existing is not None:
            raise DocumentRejected("duplicate", _duplicate_message(user=user, existing=existing))
        try:
            info = pdf_inspect(
                received.path,
                max_bytes=settings.UPLOAD_MAX_BYTES,
                max_pages=settings.UPLOAD_MAX_PAGES,
            )
        except PdfRejected as rejection:
            raise DocumentRejected(rejection.code, rejection.message) from rejection
        return _store(
            user=user,
            review=review,
            received=received,
            filename=filename,
            kind=kind,
            page_count=info.page_count,
            warnings=[{"code": w.code, "message": w.message} for w in info.warnings],
        )
    finally:
        received.path.unlink(missing_ok=True)


def _store(
    *,
    user: User,
    review: Review,
    received: _Received,
    filename: str,
    kind: str,
    page_count: int,
    warnings: list[dict],
) -> ReviewDocument:
    document = ReviewDocument(
        review=review,
        kind=kind,
        original_filename=Path(filename).name[:255] or "document.pdf",
        sha256=received.sha256,
        size_bytes=received.size,
        page_count=page_count,
        warnings=warnings,
        status=DocumentStatus.PROCESSING,
        uploaded_by=user,
    )
    storage = document.file.storage
    # The name is chosen here (a fresh random one) rather than by save(), so a
    # save that fails part-way still leaves a name to clean up.
    stored_name = document.file.field.generate_filename(document, "upload.pdf")
    try:
        with transaction.atomic():
            stored_name = document.file.name = storage.save(
                stored_name, _CheckedFile(received.path)
            )
            document.save()
            ProcessingJob.objects.create(
                document=document,
                status=JobStatus.QUEUED,
                progress_total=page_count,
                message="Waiting for a worker",
            )
            transaction.on_commit(lambda: document_enqueue(document_id=document.pk))
    except IntegrityError as error:
        _discard(storage, stored_name)
        if "sha256" in str(error):
            raise DocumentRejected(
                "duplicate", "This file has just been uploaded by someone else."
            ) from error
        raise
    except OSError as error:
        _discard(storage, stored_name)
        _refuse_if_disk_full(error)
        raise
    except BaseException:
        _discard(storage, stored_name)
        raise
    return document


def _discard(storage, name: str) -> None:
    if storage.exists(name):
        storage.delete(name)


def document_replace(
    *, user: User, document: ReviewDocument, stream: BinaryIO, filename: str
) -> ReviewDocument:
    """Upload a corrected copy; the old document stops counting and its flags close.

    The old document is kept (superseded) so the change can be traced.
    """
    from ..tasks import refresh_review_issues

    if document.superseded_by_id is not None:
        raise DocumentRejected("superseded", "This document has already been replaced.")
    replacement = document_ingest(
        user=user, review=document.review, stream=stream, filename=filename, kind=document.kind
    )
    with transaction.atomic():
        old = ReviewDocument.objects.select_for_update().get(pk=document.pk)
        old.superseded_by = replacement
        old.save(update_fields=["superseded_by"])
        for flag in old.personal_data_flags.filter(status=FlagStatus.OPEN):
            flag.status = FlagStatus.REPLACED
            flag.resolved_by = user
            flag.resolved_at = timezone.now()
            flag.save(update_fields=["status", "resolved_by", "resolved_at"])
        # Codings on the old document stop counting towards trends.
        transaction.on_commit(lambda: refresh_review_issues.delay(old.review_id))
    return replacement
