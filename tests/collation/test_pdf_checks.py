"""``collation.pdf.checks.pdf_inspect`` on the hostile samples and the reports (no database)."""

import json
from pathlib import Path

import pytest

from collation.pdf.checks import (
    PdfInfo,
    PdfRejected,
    pdf_inspect,
)

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
BAD = SAMPLES / "bad"
REPORTS = sorted((SAMPLES / "reports").glob("*.pdf"))
TRUTH = {f["file"]: f for f in json.loads((BAD / "bad.truth.json").read_text())["files"]}

MB = 1024 * 1024
LIMITS = {"max_bytes": 50 * MB, "max_pages": 1000}


def inspect(name: str, **limits) -> PdfInfo:
    return pdf_inspect(BAD / name, **{**LIMITS, **limits})


def rejection(name: str, **limits) -> PdfRejected:
    with pytest.raises(PdfRejected) as caught:
        inspect(name, **limits)
    return caught.value


def outcome(path: Path) -> str:
    """The outcome in the truth file's terms."""
    try:
        info = pdf_inspect(path, **LIMITS)
    except PdfRejected as rejected:
        return f"reject:{rejected.code}"
    if info.warnings:
        return f"accept_with_warning:{info.warnings[0].code}"
    return "accept"


# -- every sample against the truth file -------------------------------------


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_outcome_is_expected_or_acceptable(name):
    truth = TRUTH[name]
    allowed = {truth["expected"], *truth["acceptable"]}
    if name == "duplicate_of_valid_report.pdf":
        # Refusing a duplicate is the database layer's job (same SHA-256);
        # as a file it is a valid PDF.
        allowed = {"accept"}
    if name == "image_only_scanned.pdf":
        # The check accepts it; extraction reports the missing text layer
        # (see test_pdf_extract.test_scanned_document_has_no_text_layer).
        allowed.add("accept")
    assert outcome(BAD / name) in allowed


def test_every_bad_sample_is_covered():
    assert {p.name for p in BAD.glob("*.pdf")} == set(TRUTH)


# -- one test per hostile sample ---------------------------------------------


def test_valid_report_is_accepted_with_its_page_count():
    info = inspect("valid_report.pdf")
    assert info == PdfInfo(page_count=20, warnings=())


def test_duplicate_is_a_valid_pdf_here():
    assert inspect("duplicate_of_valid_report.pdf").page_count == 20


def test_empty_file():
    rejected = rejection("empty.pdf")
    assert rejected.code == "empty_file"
    assert "empty" in rejected.message


def test_plain_text_renamed():
    rejected = rejection("plain_text_renamed.pdf")
    assert rejected.code == "not_a_pdf"
    assert "must be a PDF" in rejected.message
    assert "plain text" in rejected.message


def test_png_renamed():
    rejected = rejection("png_renamed.pdf")
    assert rejected.code == "not_a_pdf"
    assert "PNG image" in rejected.message


def test_truncated_file_is_rejected_as_incomplete():
    rejected = rejection("truncated_60pct.pdf")
    assert rejected.code == "corrupt_pdf"
    assert "incomplete" in rejected.message
    assert "Upload the complete PDF" in rejected.message


def test_broken_xref_is_accepted_with_a_repair_warning():
    info = inspect("broken_xref.pdf")
    assert info.page_count == inspect("valid_report.pdf").page_count == 20
    assert [w.code for w in info.warnings] == ["repaired"]
    assert "rebuilt" in info.warnings[0].message
    assert "20 pages" in info.warnings[0].message


def test_user_password():
    rejected = rejection("encrypted_password.pdf")
    assert rejected.code == "encrypted"
    assert "protected with a password" in rejected.message
    assert "Upload an unprotected copy" in rejected.message


def test_owner_password_only():
    rejected = rejection("encrypted_owner_only.pdf")
    assert rejected.code == "encrypted"
    assert "opens without a password" in rejected.message
    assert "Upload an unprotected copy" in rejected.message


def test_javascript_action():
    rejected = rejection("javascript_action.pdf")
    assert rejected.code == "active_content"
    assert "JavaScript" in rejected.message


def test_image_only_scan_passes_the_check():
    assert inspect("image_only_scanned.pdf").page_count == 4


def test_5000_blank_pages_hit_the_page_limit():
    rejected = rejection("blank_5000_pages.pdf")
    assert rejected.code == "too_many_pages"
    assert "5,000 pages" in rejected.message
    assert "no more than 1,000 pages" in rejected.message


def test_5000_blank_pages_pass_a_higher_limit():
    assert inspect("blank_5000_pages.pdf", max_pages=5000).page_count == 5000


def test_random_bytes_after_a_pdf_header():
    rejected = rejection("pdf_header_random_bytes.pdf")
    assert rejected.code == "corrupt_pdf"
    assert "damaged" in rejected.message


def test_zero_pages():
    rejected = rejection("zero_pages.pdf")
    assert rejected.code == "no_pages"
    assert "no pages" in rejected.message


@pytest.mark.parametrize(
    "name", ["long_single_line.pdf", "non_latin_text.pdf", "non_latin_libreoffice.pdf"]
)
def test_unusual_but_valid_files_are_accepted(name):
    assert inspect(name) == PdfInfo(page_count=1, warnings=())


def test_too_large_says_the_limit():
    rejected = rejection("valid_report.pdf", max_bytes=64 * 1024)
    assert rejected.code == "too_large"
    assert rejected.message == ("The selected file must be smaller than 64 KB. This file is 94 KB.")


def test_too_large_is_decided_before_reading_the_content(tmp_path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as fh:
        fh.truncate(3 * MB)  # sparse, and not a PDF at all: the size is checked first
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, max_bytes=2 * MB, max_pages=10)
    assert caught.value.code == "too_large"
    assert caught.value.message == (
        "The selected file must be smaller than 2 MB. This file is 3 MB."
    )


def test_each_rejection_has_its_own_message():
    names = [
        "empty.pdf",
        "plain_text_renamed.pdf",
        "png_renamed.pdf",
        "truncated_60pct.pdf",
        "encrypted_password.pdf",
        "encrypted_owner_only.pdf",
        "javascript_action.pdf",
        "blank_5000_pages.pdf",
        "pdf_header_random_bytes.pdf",
        "zero_pages.pdf",
    ]
    messages = [rejection(name).message for name in names]
    assert len(set(messages)) == len(messages)
    for message in messages:
        assert message.startswith("The selected ")
        assert message.endswith(".")


# -- the reports --------------------------------------------------------------


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_report_page_count_matches_truth(report):
    truth = json.loads(report.with_suffix(".truth.json").read_text())
    assert pdf_inspect(report, **LIMITS) == PdfInfo(page_count=truth["page_count"])


# -- active content built for the test ----------------------------------------


# -- hostile input never escapes as anything but PdfRejected ------------------


def _garbage_variants(tmp_path: Path) -> list[Path]:
    valid = (BAD / "valid_report.pdf").read_bytes()
    rng = __import__("random").Random(7)
    variants = {
        "header_only.pdf": b"%PDF-1.7\n",
        "header_and_eof.pdf": b"%PDF-1.7\nstartxref\n999999999\n%%EOF\n",
        "startxref_negative.pdf": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n-5\n%%EOF",
        "cut_in_half.pdf": valid[: len(valid) // 2] + valid[-200:],
        "tail_only.pdf": b"%PDF-1.4\n" + valid[-2000:],
        "flipped_bytes.pdf": bytes(b ^ 0xFF if rng.random() < 0.01 else b for b in valid),
        "no_catalogue.pdf": valid.replace(b"/Root", b"/Roop"),
        "utf16_text.pdf": "plain text, not a PDF".encode("utf-16"),
        "nul_bytes.pdf": b"\x00" * 4096,
    }
    paths = []
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_hostile_bytes_give_a_result_or_a_rejection(tmp_path):
    paths = [*BAD.glob("*.pdf"), *_garbage_variants(tmp_path)]
    for path in paths:
        try:
            info = pdf_inspect(path, **LIMITS)
        except PdfRejected as rejected:
            assert rejected.code in {
                "empty_file",
                "too_large",
                "not_a_pdf",
                "corrupt_pdf",
                "encrypted",
                "no_pages",
                "too_many_pages",
                "active_content",
            }, path.name
            assert rejected.message, path.name
        else:
            assert info.page_count > 0, path.name


def test_missing_file_is_not_a_bad_pdf(tmp_path):
    with pytest.raises(FileNotFoundError):
        pdf_inspect(tmp_path / "nowhere.pdf", **LIMITS)
