"""Scanned pages read by OCR: Tesseract's invisible text laid over the page image.

``pdf_ocr(source=, target=, pages=)`` writes a copy of ``source`` in which each
listed page carries an invisible text layer read by Tesseract from the page
rendered at ``OCR_DPI``. The copy is then an ordinary text PDF: extraction
(``extract.extract_pages``), search, personal data and redaction read it like
any other, and pdfium finds each OCR'd word where it is on the scan, so a
redaction box covers the right place.

Why this way:

* pytesseract (Apache-2.0) runs Debian's ``tesseract`` (``tesseract-ocr`` and
  ``tesseract-ocr-eng``, Apache-2.0) once per page, asking for two outputs of
  the same recognition: a text-only PDF page (``textonly_pdf=1``: Tesseract's
  own renderer, words placed and scaled to the image, render mode 3, its
  GlyphLessFont with a ToUnicode map) and a TSV of the words with their
  confidence. ocrmypdf (MPL-2.0) would do the same through Ghostscript
  (AGPL) for several of its steps, which the platform does not ship.
* pypdfium2 renders the page as it is shown (crop box, rotation), the same
  library that reads the text, so no other rasteriser is needed.
* pikepdf appends the text layer to the page's own content (not a form
  XObject), mapped from the image's space to the page's, so the redaction
  engine rewrites or rasterises it like any text drawn on a page.

Each page runs its own Tesseract process with one thread
(``OMP_THREAD_LIMIT=1``): a worker's concurrency decides how many cores OCR
uses, as for everything else. Nothing is downloaded at run time; without
Tesseract or its English data ``ocr_unavailable()`` says why, and callers
store the document without text as before.
"""

from __future__ import annotations

import csv
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from collation.pdf.checks import PDFIUM_LOCK, pdfium_open

OCR_DPI = 300
OCR_LANGUAGE = "eng"
#: A page Tesseract has not read in this time fails the document (a hostile
#: image must not hold a worker for ever); a dense A4 page takes a few seconds.
PAGE_TIMEOUT_SECONDS = 120
_FONT = pikepdf.Name("/OcrText")
_TESSERACT_FONT = pikepdf.Name("/f-0-0")
# One thread per Tesseract process (pytesseract passes this process's environment
# on): the worker's concurrency decides how many cores OCR takes, and OpenMP's
# threads cost more CPU per page than they save on a busy machine.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrFailed(Exception):
    """Tesseract could not read a page (the message says which and why)."""


@dataclass(frozen=True)
class OcrPage:
    number: int
    #: mean of Tesseract's word confidences, 0–100 (0 when no word was found)
    confidence: float
    words: int


@functools.cache
def ocr_unavailable() -> str | None:
    """Why OCR cannot run on this server, or None when it can (checked once per process)."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return (
            "OCR is not available on this server: Tesseract is not installed "
            "(Debian packages tesseract-ocr and tesseract-ocr-eng)."
        )
    try:
        languages = pytesseract.get_languages()
    except Exception as exc:  # a broken install reads as "not available", with the reason
        return f"OCR is not available on this server: Tesseract does not run ({exc})."
    if OCR_LANGUAGE not in languages:
        return (
            "OCR is not available on this server: Tesseract has no English data "
            "(Debian package tesseract-ocr-eng)."
        )
    return None


def pages_needing_ocr(path: str | Path, numbers: Sequence[int]) -> list[int]:
    """Of the pages ``numbers`` (without text), those that show an image: a scan.

    A blank page or a page of vector drawing has nothing for OCR to read.
    """
    with PDFIUM_LOCK:
        document = pdfium_open(path)
        try:
            return [number for number in numbers if _has_image(document[number - 1])]
        finally:
            document.close()


def _has_image(page: pdfium.PdfPage) -> bool:
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    finally:
        page.close()


def pdf_ocr(
    *,
    source: Path,
    target: Path,
    pages: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
) -> list[OcrPage]:
    """Write to ``target`` a copy of ``source`` whose ``pages`` carry Tesseract's text.

    Raises ``OcrFailed`` if any page cannot be read; ``target`` is then not written.
    """
    results = []
    with tempfile.TemporaryDirectory(prefix="scr-ocr-") as work, pikepdf.open(source) as pdf:
        for done, number in enumerate(pages, start=1):
            image = Path(work) / f"page-{number}.pgm"
            view = _render(source, number, image)
            layer_base = Path(work) / f"layer-{number}"
            _tesseract(image, layer_base, number)
            confidence, words = _confidence(layer_base.with_suffix(".tsv"))
            with pikepdf.open(layer_base.with_suffix(".pdf")) as layer:
                _append_text_layer(pdf, pdf.pages[number - 1], layer.pages[0], view)
            image.unlink()
            results.append(OcrPage(number=number, confidence=confidence, words=words))
            if progress is not None:
                progress(done, len(pages))
        pdf.save(target)
    return results


@dataclass(frozen=True)
class _View:
    """How the page is shown: its crop box in page space and its rotation."""

    box: tuple[float, float, float, float]
    rotation: int


def _render(source: Path, number: int, image: Path) -> _View:
    with PDFIUM_LOCK:
        document = pdfium_open(source)
        try:
            page = document[number - 1]
            try:
                bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
                view = _View(box=tuple(page.get_cropbox()), rotation=page.get_rotation() % 360)
                bitmap.to_pil().save(image)  # PGM: no compression to pay for
                bitmap.close()
                return view
            finally:
                page.close()
        finally:
            document.close()


def _tesseract(image: Path, output_base: Path, number: int) -> None:
    import pytesseract

    try:
        pytesseract.pytesseract.run_tesseract(
            str(image),
            str(output_base),
            extension="pdf",
            lang=OCR_LANGUAGE,
            config=f"--dpi {OCR_DPI} -c textonly_pdf=1 -c tessedit_create_tsv=1",
            timeout=PAGE_TIMEOUT_SECONDS,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"Page {number} could not be read by OCR in time ({exc}).") from exc
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"Page {number} could not be read by OCR ({exc.message}).") from exc


def _confidence(tsv: Path) -> tuple[float, int]:
    """(mean word confidence, words) from Tesseract's TSV (level 5 rows are words)."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        scores = [
            float(row["conf"])
            for row in rows
            if row["level"] == "5" and (row.get("text") or "").strip() and float(row["conf"]) >= 0
        ]
    if not scores:
        return 0.0, 0
    return round(sum(scores) / len(scores), 1), len(scores)


def _append_text_layer(
    pdf: pikepdf.Pdf, page: pikepdf.Page, layer: pikepdf.Page, view: _View
) -> None:
    """Draw Tesseract's text-only page over ``page``, mapped onto the shown crop box."""
    font = pdf.copy_foreign(layer.Resources.Font[_TESSERACT_FONT])
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj.Resources = pikepdf.Dictionary()
    if "/Font" not in resources:
        resources.Font = pikepdf.Dictionary()
    resources.Font[_FONT] = font
    instructions = [
        pikepdf.ContentStreamInstruction(
            [_FONT, *operands[1:]] if str(operator) == "Tf" else operands, operator
        )
        for operands, operator in pikepdf.parse_content_stream(layer)
    ]
    matrix = _layer_to_page(layer.mediabox, view)
    content = (
        b"q "
        + " ".join(_number(value) for value in matrix).encode()
        + b" cm\n"
        + pikepdf.unparse_content_stream(instructions)
        + b"\nQ"
    )
    # Wrapped in q … Q on both sides, so the page's own state cannot leak into the layer.
    page.contents_coalesce()
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"\nQ\n" + content))


def _layer_to_page(mediabox: Sequence, view: _View) -> tuple[float, ...]:
    """The matrix from the text layer's space (the page as shown, from the origin) to
    page space: scaled to the crop box, turned back by the page's rotation."""
    x0, y0, x1, y1 = view.box
    width, height = x1 - x0, y1 - y0
    shown_w, shown_h = (height, width) if view.rotation in (90, 270) else (width, height)
    sx = shown_w / float(mediabox[2] - mediabox[0])
    sy = shown_h / float(mediabox[3] - mediabox[1])
    # Shown (vx, vy) -> page (ux, uy) for each rotation (clockwise, as /Rotate).
    a, b, c, d, e, f = {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }[view.rotation]
    return (a * sx, b * sx, c * sy, d * sy, e, f)


def _number(value: float) -> str:
    return format(Decimal(str(round(value, 6))).normalize(), "f")
