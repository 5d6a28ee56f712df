"""Checks on an uploaded file before anything is stored.

``pdf_inspect(path, max_bytes=..., max_pages=...)`` either returns a
``PdfInfo`` (page count, and warnings to show the uploader) or raises
``PdfRejected`` whose ``code`` says why and whose ``message`` is a sentence
to show the uploader. For a bad file nothing else escapes: every library call
is wrapped, and the work is bounded (file size first, page count from the
document catalogue before any page is read, and a fixed budget of objects
when looking for scripts). A missing or unreadable path is not a bad file:
its ``OSError`` is left to the caller.

Order of the checks, cheapest first:

1. ``empty_file``, ``too_large`` - from the file size alone;
2. ``not_a_pdf`` - no ``%PDF-`` in the first 1024 bytes (the name is ignored);
3. ``corrupt_pdf`` - no ``startxref`` near the end (a truncated file), or
   pdfium cannot open it;
4. ``encrypted`` - a user password (pdfium refuses to open), or an owner
   password only (opens, but still encrypted: the product rule is
   "not encrypted");
5. ``no_pages``, ``too_many_pages`` - from pdfium's page count;
6. ``active_content`` - JavaScript (document names tree, open action,
   additional actions, links and form fields) or Launch actions, via pdfium
   and pypdf.

Warnings: ``repaired`` when the cross-reference table does not match the
file (a library rebuilt it by scanning the objects).

The cross-reference check is in ``xref.py``, the walk for active content in
``active_content.py``, and what a file that is not a PDF looks like in ``sniff.py``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader

from .active_content import active_content_find
from .sniff import describe_content
from .xref import TAIL_BYTES, xref_state

PDF_MAGIC = b"%PDF-"
SNIFF_BYTES = 1024

#: PDFium must not be called from two threads at once, even for different
#: documents; every call in this package holds this lock (never across a
#: ``yield``). Uncontended, it costs nothing measurable.
PDFIUM_LOCK = threading.RLock()


@dataclass(frozen=True)
class PdfWarning:
    code: str
    message: str


@dataclass(frozen=True)
class PdfInfo:
    page_count: int
    warnings: tuple[PdfWarning, ...] = ()


class PdfRejected(Exception):
    """The file must not be stored. ``message`` is written for the uploader."""

    def __init__(self, code: str, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        #: what the library said, for logs only (never shown to the uploader)
        self.detail = detail

    def __repr__(self) -> str:
        return f"PdfRejected({self.code!r}, {self.message!r})"


# ---------------------------------------------------------------------------
# Messages


def corrupt_pdf_error(detail: str = "") -> PdfRejected:
    return PdfRejected(
        "corrupt_pdf",
        "The selected file is damaged and cannot be read. Open the report in the program "
        "that made it, save or export it as a PDF again, and upload the new file.",
        detail=detail,
    )


def _truncated_error() -> PdfRejected:
    return PdfRejected(
        "corrupt_pdf",
        "The selected file is incomplete – the end of the PDF is missing, so it may have been "
        "cut short while it was being saved, copied or uploaded. Upload the complete PDF.",
        detail="no startxref near the end of the file",
    )


def _encrypted_error(*, user_password: bool, detail: str = "") -> PdfRejected:
    if user_password:
        message = (
            "The selected PDF is protected with a password. Upload an unprotected copy of "
            "the report, without a password."
        )
    else:
        message = (
            "The selected PDF is encrypted to restrict copying or printing, even though it "
            "opens without a password. Upload an unprotected copy of the report, without "
            "security restrictions."
        )
    return PdfRejected("encrypted", message, detail=detail)


def unopenable_error(path: str | Path, exc: Exception) -> PdfRejected:
    """The rejection for a file that pdfium will not open.

    pdfium's error code is not trusted on its own: it is process-wide and can
    be left over from an earlier document (a zero-page file fails without
    setting it). pypdf decides between encrypted, no pages and damaged.
    """
    verdict = _pypdf_verdict(Path(path))
    if verdict == "encrypted":
        return _encrypted_error(user_password=True, detail=str(exc))
    if verdict == "no_pages":
        return _no_pages_error()
    return corrupt_pdf_error(detail=f"{type(exc).__name__}: {exc}")


def _format_size(size: int) -> str:
    """``50 MB``, ``2.5 MB`` or, under 1 MB, ``512 KB`` (binary units, as upload limits are)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    megabytes = size / (1024 * 1024)
    if megabytes >= 10 or round(megabytes, 1) == int(megabytes):
        return f"{round(megabytes):,} MB"
    return f"{megabytes:.1f} MB"


# ---------------------------------------------------------------------------
# The check


def pdf_inspect(path: str | Path, *, max_bytes: int, max_pages: int) -> PdfInfo:
    """Check a file before storing it; raise ``PdfRejected`` if it must be refused."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise PdfRejected(
            "empty_file", "The selected file is empty. Check the report and upload it again."
        )
    if size > max_bytes:
        raise PdfRejected(
            "too_large",
            f"The selected file must be smaller than {_format_size(max_bytes)}. "
            f"This file is {_format_size(size)}.",
        )

    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
        header_at = head.find(PDF_MAGIC)
        if header_at < 0:
            looks_like = describe_content(head)
            message = "The selected file must be a PDF."
            if looks_like:
                message += f" This file looks like {looks_like}, even if its name ends in .pdf."
            else:
                message += " This file is not a PDF, even if its name ends in .pdf."
            raise PdfRejected("not_a_pdf", message, detail=repr(head[:16]))
        xref = xref_state(fh, size, header_at)
        has_objects = True
        if xref == "missing":
            fh.seek(0)
            has_objects = b"endobj" in fh.read(TAIL_BYTES)
    if xref == "missing":
        raise _truncated_error() if has_objects else corrupt_pdf_error(detail="no PDF objects")

    warnings: list[PdfWarning] = []
    page_count, js_actions = _pdfium_facts(path)
    if page_count > max_pages:
        raise PdfRejected(
            "too_many_pages",
            f"The selected PDF has {page_count:,} pages. A report must have no more than "
            f"{max_pages:,} pages.",
        )
    if js_actions:
        raise _active_content_error("JavaScript")
    found = _find_active_content(path, page_count)
    if found:
        raise _active_content_error(found)

    if xref == "damaged":
        warnings.append(
            PdfWarning(
                "repaired",
                "The PDF’s internal index was damaged and has been rebuilt. Check that all "
                f"{page_count:,} pages and their text are there.",
            )
        )
    return PdfInfo(page_count=page_count, warnings=tuple(warnings))


def pdfium_open(path: str | Path) -> pdfium.PdfDocument:
    """Open a PDF with pdfium, or raise the rejection that says why it cannot be read.

    Call it holding ``PDFIUM_LOCK``; the caller closes the document.
    """
    try:
        return pdfium.PdfDocument(str(path))
    except Exception as error:
        raise unopenable_error(path, error) from error


def _pdfium_facts(path: Path) -> tuple[int, int]:
    """(page count, document-level JavaScript actions), or the rejection."""
    with PDFIUM_LOCK:
        document = pdfium_open(path)
        try:
            return _document_facts(document)
        finally:
            document.close()


def _document_facts(document: pdfium.PdfDocument) -> tuple[int, int]:
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
            raise _encrypted_error(user_password=False, detail="owner password only")
        page_count = len(document)
        if page_count <= 0:
            raise _no_pages_error()
        js_actions = pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw)
        return page_count, max(js_actions, 0)
    except PdfRejected:
        raise
    except Exception as exc:
        raise corrupt_pdf_error(detail=f"{type(exc).__name__}: {exc}") from exc


def _no_pages_error() -> PdfRejected:
    return PdfRejected("no_pages", "The selected PDF has no pages. Check you chose the right file.")


def _pypdf_verdict(path: Path) -> str | None:
    """``encrypted``, ``no_pages``, or ``None`` (damaged, or pages pdfium cannot read)."""
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            return "encrypted"
        return "no_pages" if len(reader.pages) == 0 else None
    except Exception:
        pass
    try:  # pypdf could not read it either; an /Encrypt entry in the trailer still says so
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - TAIL_BYTES))
            if b"/Encrypt" in fh.read(TAIL_BYTES):
                return "encrypted"
    except OSError:
        pass
    return None


def _active_content_error(kind: str) -> PdfRejected:
    if kind == "JavaScript":
        message = (
            "The selected PDF contains JavaScript, which is not allowed. Save or print the "
            "report as a new PDF without scripts, and upload that copy."
        )
    elif kind == "Launch":
        message = (
            "The selected PDF contains an action that opens another file or program, which is "
            "not allowed. Save or print the report as a new PDF, and upload that copy."
        )
    elif kind == "unchecked":
        message = (
            "The selected PDF is too complex to check for scripts. Save or print the report "
            "as a new PDF, and upload that copy."
        )
    else:
        message = (
            f"The selected PDF contains an active action ({kind}), which is not allowed. "
            "Save or print the report as a new PDF, and upload that copy."
        )
    return PdfRejected("active_content", message, detail=kind)


def _find_active_content(path: Path, page_count: int) -> str | None:
    """The kind of active content found (e.g. ``"JavaScript"``), or ``None``."""
    try:
        return active_content_find(path, page_count)
    except Exception as exc:
        # pdfium read it, but its structure cannot be walked: refuse rather
        # than store a file that was not checked.
        raise corrupt_pdf_error(detail=f"pypdf: {type(exc).__name__}: {exc}") from exc
