"""``collation.pdf.extract``: page text from the samples (no database)."""

import json
from pathlib import Path

import pytest

from collation.pdf import extract
from collation.pdf.checks import PdfRejected
from collation.pdf.extract import (
    ExtractedPage,
    extract_pages,
    normalise_text,
    pages_without_text,
    text_layer_missing,
)

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
BAD = SAMPLES / "bad"
REPORTS = sorted((SAMPLES / "reports").glob("*.pdf"))
TRUTH = {f["file"]: f for f in json.loads((BAD / "bad.truth.json").read_text())["files"]}


def page_texts(path: Path) -> list[str]:
    return [page.text for page in extract_pages(path)]


def flat(text: str) -> str:
    """White space collapsed, as search sees it."""
    return " ".join(text.split())


# -- normalise_text -----------------------------------------------------------


def test_normalise_line_breaks():
    assert normalise_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_normalise_trailing_spaces_and_blank_edges():
    assert normalise_text("\n\n  title   \r\nbody \n\n") == "  title\nbody"


def test_normalise_nfc():
    decomposed = "Sia\u0302n Ll\u0177r"  # â as a + combining circumflex
    assert normalise_text(decomposed) == "Siân Llŷr"
    assert normalise_text("Gw\u0177r") == "Gwŷr"


def test_normalise_pdfminer_bullet():
    assert normalise_text("(cid:127) Upperford Police\n(cid:127) Castlefield Academy") == (
        "• Upperford Police\n• Castlefield Academy"
    )


def test_normalise_pdfium_line_end_hyphen_and_nul():
    assert normalise_text("improvement sub\ufffegroup.\x00") == "improvement sub-group."


def test_normalise_is_idempotent():
    text = "a\r\n(cid:127) b \ufffe\r\n\n"
    assert normalise_text(normalise_text(text)) == normalise_text(text)


# -- the contract --------------------------------------------------------------


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_one_page_each_in_order_normalised(report):
    truth = json.loads(report.with_suffix(".truth.json").read_text())
    pages = list(extract_pages(report))
    assert [page.number for page in pages] == list(range(1, truth["page_count"] + 1))
    for page in pages:
        assert page.method == "pdfium"
        assert page.problem is None
        assert page.text == normalise_text(page.text)
        assert "\r" not in page.text
        assert "\ufffe" not in page.text
        assert "(cid:" not in page.text
    assert not text_layer_missing(pages)


def test_section_headings_are_on_their_pages():
    for report in REPORTS:
        truth = json.loads(report.with_suffix(".truth.json").read_text())
        texts = page_texts(report)
        for section in truth["sections"]:
            assert flat(section["title"]) in flat(texts[section["page"] - 1]), (
                report.name,
                section["title"],
            )


def test_recommendations_read_in_order_including_tables():
    """Every recommendation's text is contiguous on its page, or split over the page break."""
    checked = {"table": 0, "body": 0}
    for report in REPORTS:
        truth = json.loads(report.with_suffix(".truth.json").read_text())
        texts = [flat(text) for text in page_texts(report)]
        for recommendation in truth["recommendations"]:
            wanted = flat(recommendation["text"])
            page = texts[recommendation["page"] - 1]
            following = texts[recommendation["page"]] if recommendation["page"] < len(texts) else ""
            words = wanted.split(" ")
            found = wanted in page or any(
                " ".join(words[:cut]) in page and following.find(" ".join(words[cut:])) >= 0
                for cut in range(1, len(words))
            )
            assert found, (report.name, recommendation["number"])
            checked["table" if recommendation["context"] == "table" else "body"] += 1
    assert checked["table"] == 71  # the three reports with recommendation tables


def test_hyphen_at_a_line_end_in_a_table_is_kept():
    texts = page_texts(SAMPLES / "reports" / "scr_s1_007.pdf")
    assert "learning and improvement sub-group." in texts[25]


def test_bullets_come_back_as_bullets():
    texts = page_texts(SAMPLES / "reports" / "scr_s1_001.pdf")
    assert "• Upperford Police" in texts[5]


# -- the hostile samples -----------------------------------------------------------


def test_broken_xref_text_equals_the_valid_report():
    broken = page_texts(BAD / "broken_xref.pdf")
    assert len(broken) == 20
    assert broken == page_texts(BAD / "valid_report.pdf")


def test_long_single_line_finishes_with_its_start():
    # How long it takes is measured in bench/pdf_extract.py.
    pages = list(extract_pages(BAD / "long_single_line.pdf"))
    assert len(pages) == 1
    for wanted in TRUTH["long_single_line.pdf"]["must_contain"]:
        assert wanted in pages[0].text


def test_non_latin_libreoffice_round_trips_exactly():
    truth = TRUTH["non_latin_libreoffice.pdf"]
    (page,) = extract_pages(BAD / "non_latin_libreoffice.pdf")
    assert page.method == "pdfplumber+bidi"
    assert page.problem is None
    for wanted in truth["must_contain"] + truth["should_contain_after_bidi"]:
        assert wanted in page.text, wanted
    # The visual (reversed) order pdfplumber reads is gone.
    for reversed_text in truth["observed_arabic_from_pdfplumber"]:
        assert reversed_text not in page.text


def test_non_latin_text_round_trips():
    """Arabic drawn left to right in logical order stays in that order.

    Three of the Welsh and Polish strings wrap onto the next line in this PDF,
    so they are looked for with white space collapsed (as search does).
    """
    (page,) = extract_pages(BAD / "non_latin_text.pdf")
    for wanted in TRUTH["non_latin_text.pdf"]["must_contain"]:
        assert wanted in flat(page.text), wanted
    for wanted in ("محمد الأحمد", "فاطمة الزهراء", "عائشة بن علي", "Małgorzata Wiśniewska"):
        assert wanted in page.text


def test_scanned_document_has_no_text_layer():
    pages = list(extract_pages(BAD / "image_only_scanned.pdf"))
    assert len(pages) == 4
    assert text_layer_missing(pages)
    assert pages_without_text(pages) == [1, 2, 3, 4]
    assert not text_layer_missing(extract_pages(BAD / "valid_report.pdf"))


def test_blank_pages_finish_and_report_no_text():
    # How long it takes is measured in bench/pdf_extract.py.
    pages = list(extract_pages(BAD / "blank_5000_pages.pdf"))
    assert len(pages) == 5000
    assert text_layer_missing(pages)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("encrypted_password.pdf", "encrypted"),
        ("truncated_60pct.pdf", "corrupt_pdf"),
        ("png_renamed.pdf", "corrupt_pdf"),
        ("zero_pages.pdf", "no_pages"),
    ],
)
def test_a_document_that_cannot_be_opened_raises_pdf_rejected(name, code):
    with pytest.raises(PdfRejected) as caught:
        list(extract_pages(BAD / name))
    assert caught.value.code == code


def test_threads_extracting_at_once_get_the_same_text():
    from concurrent.futures import ThreadPoolExecutor

    paths = [*REPORTS[:4], BAD / "non_latin_libreoffice.pdf"] * 2
    expected = [page_texts(path) for path in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(page_texts, paths)) == expected


# -- text_layer_missing ---------------------------------------------------------


def test_text_layer_missing_rules():
    def pages(*texts):
        return [ExtractedPage(number, text) for number, text in enumerate(texts, 1)]

    assert text_layer_missing([])
    assert text_layer_missing(pages("", "   \n ", "- 3 -"))  # stamped page numbers only
    assert not text_layer_missing(pages("", "Serious Case Review: Child R"))
    assert text_layer_missing(pages("", "Child R"), min_chars=16)
    assert not text_layer_missing(pages("", "Child R"), min_chars=1)
    assert pages_without_text(pages("Serious Case Review: Child R", "")) == [2]


# -- a page that cannot be read -----------------------------------------------------


def test_an_unreadable_page_is_empty_with_a_problem(monkeypatch):
    real = extract._pdfium_page_text

    def failing_on_page_two(document, index):
        if index == 1:
            raise RuntimeError("bad content stream")
        return real(document, index)

    monkeypatch.setattr(extract, "_pdfium_page_text", failing_on_page_two)
    pages = list(extract_pages(BAD / "valid_report.pdf"))
    assert len(pages) == 20
    assert pages[1] == ExtractedPage(
        number=2,
        text="",
        method="failed",
        problem="Page 2 could not be read (RuntimeError: bad content stream).",
    )
    assert pages[2].text and pages[2].problem is None


def test_rtl_reordering_falls_back_to_pdfium_text_with_a_problem(monkeypatch):
    def broken_open(*args, **kwargs):
        raise OSError("pdfplumber unavailable")

    monkeypatch.setattr("pdfplumber.open", broken_open)
    (page,) = extract_pages(BAD / "non_latin_libreoffice.pdf")
    assert page.method == "pdfium"
    assert "Siân Llŷr Gwenllïan" in page.text
    assert "could not be put into reading order" in page.problem


# -- right-to-left lines --------------------------------------------------------------


def test_rtl_line_in_visual_order_is_reversed():
    assert extract._rtl_line("ءارهزلا ةمطاف", "ءارهزلا ةمطاف") == "فاطمة الزهراء"


def test_rtl_line_already_logical_is_kept():
    line = "Arabic names: محمد الأحمد"
    assert extract._rtl_line(line, line) == line


def test_rtl_line_with_a_lam_alef_ligature():
    # As drawn, left to right: dal, meem, hah, the lam-alef ligature (its own text
    # already logical), alef.
    as_drawn = "دمحلأا"
    for_bidi = "دمح" + "أل" + "ا"  # the ligature's text reversed first
    assert extract._rtl_line(as_drawn, for_bidi) == "الأحمد"


@pytest.mark.parametrize(
    "logical",
    [
        "Ref 2013: عائشة بن علي",
        "محمد الأحمد, Child R",
        "عائشة بن علي (2013)",
        "الأحمد 12 شارع",
    ],
)
def test_rtl_line_round_trips_mixed_text_in_a_left_to_right_page(logical):
    from bidi import get_display

    visual = get_display(logical, base_dir="L")
    assert visual != logical
    assert extract._rtl_line(visual, visual, page_base="L") == logical


def test_rtl_line_in_a_right_to_left_page():
    from bidi import get_display

    logical = "قال Child R إنه بخير."
    visual = get_display(logical, base_dir="R")
    assert extract._rtl_line(visual, visual, page_base="R") == logical
