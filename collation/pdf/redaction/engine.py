"""``pdf_redact``: one pass over the document, then a check of the result.

1. Each page with requests is read by pdfium (``locate``) and its boxes
   found; its content stream is rewritten without the glyphs under them and
   the boxes are drawn on top (``content``). A page that cannot be rewritten
   safely is rasterised (``raster``) with the reason kept for the manager.
2. The document is sanitised (``sanitise``) and written by qpdf to a
   temporary file beside the target.
3. The check: pdfium reads every rewritten page of that file again. If any
   letter is still inside a box, or a requested text can still be found on
   its page, that page is rasterised and the file written again. Only then
   is the file renamed onto the target, so a target is complete or absent.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from collation.pdf.checks import PDFIUM_LOCK, PdfRejected, pdfium_open
from collation.pdf.redaction.base import (
    NeedsRaster,
    Rect,
    RedactionFailed,
    RedactionOutcome,
    RedactionRequest,
)
from collation.pdf.redaction.content import StreamRewriter, with_xobjects
from collation.pdf.redaction.locate import PageText, letters_inside
from collation.pdf.redaction.raster import glyphless_font, page_rasterise
from collation.pdf.redaction.sanitise import pdf_sanitise

#: mkstemp makes files only their owner can read; the copy is for publishing.
TARGET_MODE = 0o644
_STILL_THERE = "text under a redaction box could not be removed from the page's content"


def pdf_redact(
    *,
    source: Path,
    target: Path,
    requests: Sequence[RedactionRequest],
    progress: Callable[[int, int], None] | None = None,
) -> RedactionOutcome:
    """Write a redacted, sanitised copy of source to target; every occurrence of each text goes."""
    by_page: dict[int, list[RedactionRequest]] = defaultdict(list)
    for request in requests:
        by_page[request.page].append(request)
    document = _open_pdfium(source)
    try:
        pdf = _open_pikepdf(source)
        with pdf:
            page_count = len(pdf.pages)
            with PDFIUM_LOCK:
                if len(document) != page_count:
                    raise RedactionFailed(_damaged("the page count is unclear"))
            outcome = RedactionOutcome(page_count=page_count, boxes=0)
            boxes: dict[int, list[Rect]] = {}
            found: dict[int, list[str]] = {}
            for number in range(1, page_count + 1):
                wanted = by_page.pop(number, [])
                if wanted:
                    page_boxes, page_found = _locate(document, number, wanted, outcome)
                    if page_boxes:
                        boxes[number], found[number] = page_boxes, page_found
                        _rewrite(pdf, number, page_boxes, outcome)
                if progress is not None:
                    progress(number, page_count)
            outcome.not_found.extend(r for rs in by_page.values() for r in rs)  # no such page
            font = glyphless_font(pdf) if outcome.rasterised else None
            for number in outcome.rasterised:
                font = _rasterise(pdf, document, number, boxes[number], font)
            pdf_sanitise(pdf, redacted_texts=[t for texts in found.values() for t in texts])
            outcome.boxes = sum(len(b) for b in boxes.values())
            _write(pdf, document, target, boxes, found, outcome)
    finally:
        with PDFIUM_LOCK:
            document.close()
    return outcome


def _open_pdfium(source: Path) -> pdfium.PdfDocument:
    with PDFIUM_LOCK:
        try:
            return pdfium_open(source)
        except PdfRejected as error:
            raise RedactionFailed(error.message) from error


def _open_pikepdf(source: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(source)
    except pikepdf.PasswordError as error:
        raise RedactionFailed(
            "The PDF is protected by a password, so it cannot be redacted. Upload a copy "
            "without a password."
        ) from error
    except (pikepdf.PdfError, ValueError) as error:
        raise RedactionFailed(_damaged(str(error))) from error


def _damaged(detail: str) -> str:
    return (
        "The PDF is damaged, so it cannot be redacted. Open the report in the program that "
        f"made it, save or export it as a PDF again, and upload the new file. ({detail})"
    )


def _locate(
    document: pdfium.PdfDocument,
    number: int,
    wanted: list[RedactionRequest],
    outcome: RedactionOutcome,
) -> tuple[list[Rect], list[str]]:
    """The page's boxes and the texts found on it; the others go to ``not_found``."""
    page_boxes: list[Rect] = []
    found: list[str] = []
    with PDFIUM_LOCK:
        try:
            page = document[number - 1]
            textpage = page.get_textpage()
        except Exception:  # the page's text cannot be read, so nothing can be found on it
            outcome.not_found.extend(wanted)
            return [], []
        try:
            text = PageText(textpage)
            for request in wanted:
                occurrences = text.find(request.text)
                if not occurrences:
                    outcome.not_found.append(request)
                    continue
                found.append(request.text)
                for lines in occurrences:
                    page_boxes.extend(box for box in lines if box not in page_boxes)
        finally:
            textpage.close()
            page.close()
    return page_boxes, found


def _rewrite(pdf: pikepdf.Pdf, number: int, boxes: list[Rect], outcome: RedactionOutcome) -> None:
    """Remove the glyphs under ``boxes`` and draw the boxes; or note the page for rasterising."""
    page = pdf.pages[number - 1]
    resources = _inherited(page.obj, "/Resources")
    rewriter = StreamRewriter(pdf, boxes)
    try:
        result = rewriter.rewrite(pikepdf.parse_content_stream(page.obj), resources)
    except NeedsRaster as reason:
        outcome.rasterised[number] = str(reason)
        return
    except Exception as error:  # anything unexpected in the page: the safe route, not a failure
        outcome.rasterised[number] = (
            f"the page's content could not be read ({type(error).__name__}: {error})"
        )
        return
    drawn = " ".join(
        f"{x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re" for x0, y0, x1, y1 in boxes
    )
    body = pikepdf.unparse_content_stream(result.instructions)
    page.obj.Contents = pdf.make_stream(b"q\n" + body + f"\nQ\nq 0 g {drawn} f Q\n".encode())
    if result.new_xobjects:
        page.obj.Resources = with_xobjects(resources, result.new_xobjects)


def _inherited(page: pikepdf.Object, key: str) -> pikepdf.Object | None:
    node, seen = page, 0
    while node is not None and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None


def _rasterise(
    pdf: pikepdf.Pdf,
    document: pdfium.PdfDocument,
    number: int,
    boxes: list[Rect],
    font: pikepdf.Object | None,
) -> pikepdf.Object:
    font = font if font is not None else glyphless_font(pdf)
    with PDFIUM_LOCK:
        try:
            page = document[number - 1]
        except Exception as error:
            raise RedactionFailed(_damaged(f"page {number} cannot be drawn: {error}")) from error
        try:
            page_rasterise(pdf, pdf.pages[number - 1], page, boxes, font)
        except Exception as error:
            raise RedactionFailed(_damaged(f"page {number} cannot be drawn: {error}")) from error
        finally:
            page.close()
    return font


def _write(
    pdf: pikepdf.Pdf,
    document: pdfium.PdfDocument,
    target: Path,
    boxes: dict[int, list[Rect]],
    found: dict[int, list[str]],
    outcome: RedactionOutcome,
) -> None:
    """Save to a temporary file, check it, rasterise what failed, then rename onto ``target``."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, TARGET_MODE)
    try:
        _save(pdf, temporary)
        failed = _failed_pages(temporary, boxes, found, outcome)
        if failed:
            font = None
            for number in failed:
                outcome.rasterised[number] = _STILL_THERE
                font = _rasterise(pdf, document, number, boxes[number], font)
            _save(pdf, temporary)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _save(pdf: pikepdf.Pdf, path: Path) -> None:
    pdf.save(
        path,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
    )


def _failed_pages(
    written: Path,
    boxes: dict[int, list[Rect]],
    found: dict[int, list[str]],
    outcome: RedactionOutcome,
) -> list[int]:
    """Rewritten pages of ``written`` where pdfium still reads a letter in a box or a text."""
    failed = []
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(written))
        try:
            for number, page_boxes in boxes.items():
                if number in outcome.rasterised:
                    continue
                page = document[number - 1]
                textpage = page.get_textpage()
                try:
                    text = PageText(textpage)
                    if letters_inside(textpage, page_boxes) or any(
                        text.find(wanted) for wanted in found[number]
                    ):
                        failed.append(number)
                finally:
                    textpage.close()
                    page.close()
        finally:
            document.close()
    return failed
