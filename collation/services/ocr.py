"""Scanned pages of a document read by OCR while it is processed.

``scan_read`` is called by processing with the pages extracted from the
original. Pages without text that show an image are read by Tesseract
(``collation.pdf.ocr``) into a private copy of the PDF with an invisible text
layer, written to a temporary file; its pages are read back by the ordinary
extractor, so OCR'd text goes into pages, search, analysis and personal data
like any other. Processing stores the copy (``scan_store``) in the same
transaction as the pages, or discards it: a failed or empty reading leaves
nothing behind.
"""

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction

from ..models import ReviewDocument
from ..pdf.extract import ExtractedPage, extract_pages, pages_without_text, text_layer_missing
from ..pdf.ocr import OcrPage, ocr_unavailable, pages_needing_ocr, pdf_ocr

logger = logging.getLogger(__name__)


@dataclass
class ScanReading:
    """What OCR made of a document: its pages as read back, and the copy to store."""

    pages: list[ExtractedPage] = field(default_factory=list)
    ocr: list[OcrPage] = field(default_factory=list)
    copy: Path | None = None
    #: why scanned pages were not read (OCR unavailable), for the manager
    unavailable: str | None = None
    #: the copy's name in storage once ``scan_store`` has saved it
    stored_name: str = ""

    def discard(self) -> None:
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)
            self.copy = None


def scan_read(
    *,
    document: ReviewDocument,
    pages: list[ExtractedPage],
    progress: Callable[[int, int], None],
) -> ScanReading | None:
    """OCR of the scanned pages, or None when there are none (or OCR found no text)."""
    path = document.file.path
    scanned = pages_needing_ocr(path, pages_without_text(pages))
    if not scanned:
        return None
    if reason := ocr_unavailable():
        logger.warning("Document %s has scanned pages: %s", document.pk, reason)
        return ScanReading(unavailable=reason)
    descriptor, name = tempfile.mkstemp(prefix="scr-ocr-", suffix=".pdf")
    os.close(descriptor)
    reading = ScanReading(copy=Path(name))
    try:
        reading.ocr = pdf_ocr(
            source=Path(path), target=reading.copy, pages=scanned, progress=progress
        )
        reading.pages = list(extract_pages(reading.copy))
    except BaseException:
        reading.discard()
        raise
    if text_layer_missing(reading.pages):
        reading.discard()  # nothing legible: stored as before, without text
        return None
    return reading


def scan_store(*, document: ReviewDocument, reading: ScanReading | None) -> None:
    """Keep the OCR'd copy and which pages it read (or clear them), inside the caller's
    transaction; the file it replaces is deleted once that commits. If it does not
    commit, the caller calls ``scan_unstore``."""
    old = document.ocr_copy.name
    storage = document.ocr_copy.storage
    if reading is not None and reading.copy is not None:
        with reading.copy.open("rb") as handle:
            document.ocr_copy.save("ocr.pdf", File(handle), save=False)
        reading.stored_name = document.ocr_copy.name
        document.ocr_pages = {str(page.number): page.confidence for page in reading.ocr}
    else:
        document.ocr_copy = ""
        document.ocr_pages = {}
    if old and old != document.ocr_copy.name:
        transaction.on_commit(lambda: storage.delete(old))


def scan_unstore(reading: ScanReading | None) -> None:
    """The transaction that stored the copy did not commit: delete the stored file."""
    if reading is not None and reading.stored_name:
        ReviewDocument._meta.get_field("ocr_copy").storage.delete(reading.stored_name)
        reading.stored_name = ""


def scan_warnings(reading: ScanReading | None) -> list[dict]:
    """The manager's note on pages read by OCR (each to be checked against the scan)."""
    if reading is None or not reading.ocr:
        return []
    read = [page for page in reading.ocr if page.words]
    if not read:
        return []
    lowest = min(read, key=lambda page: page.confidence)
    numbers = ", ".join(str(page.number) for page in read[:20]) + ("…" if len(read) > 20 else "")
    return [
        {
            "code": "ocr_pages",
            "message": f"{len(read)} scanned page{'s were' if len(read) > 1 else ' was'} read by "
            f"OCR ({numbers}); the lowest confidence was {lowest.confidence:.0f}% "
            f"(page {lowest.number}). Check their text and personal data against the scan.",
        }
    ]
