"""Image-only PDFs made in tests: text typeset, rendered to a bitmap at scanner
resolution, and saved as a PDF of images (no text layer), as a scanner makes them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from tests.collation.redaction_pdfs import build


def typeset(lines: list[str], *, size: int = 14) -> str:
    """A content stream writing ``lines`` in Helvetica down an A4-like page."""
    body = " ".join(f"({line}) Tj 0 -{size * 1.6:.0f} Td" for line in lines)
    return f"BT /F1 {size} Tf 72 720 Td {body} ET"


def scanned_pdf(
    path: Path, pages: list[list[str]], *, dpi: int = 300, rotate: int = 0, blank_pages=()
) -> Path:
    """An image-only PDF: each page of ``pages`` typeset, then rendered at ``dpi``.

    ``blank_pages`` (numbers from 1) are left as white images with no text;
    ``rotate`` stores each image turned ``rotate`` degrees anticlockwise with
    /Rotate ``rotate`` on its page, as a scanner fed sideways does: shown
    upright, stored turned.
    """
    source = build(path.with_suffix(".typeset.pdf"), *(typeset(lines) for lines in pages))
    images = []
    document = pdfium.PdfDocument(str(source))
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil()
            if index + 1 in blank_pages:
                image.paste(255, (0, 0, *image.size))
            if rotate:
                image = image.rotate(rotate, expand=True)
            images.append(image)
            page.close()
    finally:
        document.close()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    if rotate:
        import pikepdf

        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            for page in pdf.pages:
                page.Rotate = rotate
            pdf.save(path)
    return path


def tesseract_fails_on_call(monkeypatch, call: int, message: str = "Killed") -> None:
    """Tesseract runs as usual but fails on its ``call``-th page (from 1)."""
    import pytesseract

    real, calls = pytesseract.pytesseract.run_tesseract, []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise pytesseract.TesseractError(1, message)
        return real(*args, **kwargs)

    monkeypatch.setattr(pytesseract.pytesseract, "run_tesseract", failing)
