"""OCR of scanned pages (collation/pdf/ocr.py): Tesseract's text laid invisibly over the
scan where each word is, so the ordinary extractor reads it; blank pages are left alone;
a page Tesseract cannot read fails the whole reading and writes nothing."""

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from collation.pdf import ocr
from collation.pdf.extract import extract_pages
from collation.pdf.ocr import OcrFailed, pages_needing_ocr, pdf_ocr
from tests.collation.scans import scanned_pdf, tesseract_fails_on_call

pytestmark = pytest.mark.skipif(
    ocr.ocr_unavailable() is not None, reason="Tesseract is installed by .ci/run"
)

LINES = ["Jayden Smith was born on 28.02.2001.", "The family lived in Kirkby until 2012."]


def _first_char_box(path: Path, number: int) -> tuple[float, ...]:
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[number - 1].get_textpage()
        return textpage.get_charbox(0)
    finally:
        document.close()


@pytest.mark.parametrize("rotate", [0, 90, 270])
def test_the_text_is_read_and_placed_where_the_words_are_on_the_scan(tmp_path, rotate):
    scan = scanned_pdf(tmp_path / "scan.pdf", [LINES, ["hypothermia"]], rotate=rotate)
    assert [page.text for page in extract_pages(scan)] == ["", ""]
    seen = []

    read = pdf_ocr(
        source=scan,
        target=tmp_path / "ocr.pdf",
        pages=[1, 2],
        progress=lambda done, total: seen.append((done, total)),
    )

    assert [page.text for page in extract_pages(tmp_path / "ocr.pdf")] == [
        "\n".join(LINES),
        "hypothermia",
    ]
    assert [(page.number, page.words) for page in read] == [(1, 13), (2, 1)]
    assert all(page.confidence > 80 for page in read)
    assert seen == [(1, 2), (2, 2)]
    # "J" was typeset 72 pt from the left, its baseline 72 pt below the top of the page
    # as shown; the scan stores the page turned, so in the page's own space that corner
    # is elsewhere (a 612 x 792 page stored 792 x 612).
    x0, y0, x1, y1 = box = _first_char_box(tmp_path / "ocr.pdf", 1)
    corner, expected = {
        0: ((x0, y0), (72, 717)),
        90: ((x1, y0), (72, 72)),
        270: ((x0, y1), (720, 540)),
    }[rotate]
    assert corner == pytest.approx(expected, abs=6), box


def test_blank_pages_and_pages_with_text_are_not_sent_to_ocr(tmp_path):
    scan = scanned_pdf(tmp_path / "scan.pdf", [LINES, ["blank"], LINES], blank_pages=[2])
    from tests.collation.redaction_pdfs import build
    from tests.collation.scans import typeset

    vector_only = build(tmp_path / "vector.pdf", typeset(["not an image"]), "0 0 m 100 100 l S")

    assert pages_needing_ocr(scan, [1, 2, 3]) == [1, 2, 3]  # a white image is still an image
    assert pages_needing_ocr(vector_only, [2]) == []


def test_a_page_tesseract_cannot_read_fails_the_reading_and_writes_nothing(tmp_path, monkeypatch):
    scan = scanned_pdf(tmp_path / "scan.pdf", [LINES, LINES])
    tesseract_fails_on_call(monkeypatch, 2, "Image too large")
    with pytest.raises(OcrFailed, match="Page 2 could not be read by OCR"):
        pdf_ocr(source=scan, target=tmp_path / "ocr.pdf", pages=[1, 2])
    assert not (tmp_path / "ocr.pdf").exists()


def test_without_tesseract_ocr_says_why(monkeypatch):
    import pytesseract

    ocr.ocr_unavailable.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "no-such-tesseract")
    try:
        assert "Tesseract is not installed" in ocr.ocr_unavailable()
    finally:
        ocr.ocr_unavailable.cache_clear()
