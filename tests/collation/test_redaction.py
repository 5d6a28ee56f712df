"""The redaction engine on PDFs built for each case (``redaction_pdfs.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from collation.pdf.redaction import (
    RedactionFailed,
    RedactionRequest,
    engine,
    pdf_redact,
)
from collation.pdf.redaction import content as content_module
from tests.collation.redaction_pdfs import build, identity_h, type3


def page_text(path: Path, number: int = 1) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[number - 1].get_textpage()
        return textpage.get_text_range()
    finally:
        document.close()


def glyphs_without(path: Path, removed: str = "", number: int = 1) -> list[tuple]:
    """Every letter on the page with its box, less each run spelling ``removed`` (no spaces)."""
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[number - 1].get_textpage()
        letters = [
            (ch, tuple(round(v, 2) for v in textpage.get_charbox(i, loose=True)))
            for i, ch in enumerate(textpage.get_text_range())
            if not ch.isspace()
        ]
    finally:
        document.close()
    spelt = "".join(ch for ch, _ in letters)
    gone = removed.replace(" ", "")
    while gone and gone in spelt:
        start = spelt.index(gone)
        del letters[start : start + len(gone)]
        spelt = "".join(ch for ch, _ in letters)
    return letters


def assert_only_removed(source: Path, target: Path, text: str = "Kerry Kelly") -> None:
    """``text`` is gone from page 1 and every other letter is exactly where it was."""
    assert glyphs_without(target) == glyphs_without(source, text)
    assert not any(word in page_text(target) for word in text.split())


def streams(path: Path) -> bytes:
    with pikepdf.open(path) as pdf:
        return b"".join(
            pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page)) for page in pdf.pages
        )


def redact(tmp_path: Path, source: Path, *texts: str, page: int = 1, **kwargs):
    target = tmp_path / "out.pdf"
    requests = [RedactionRequest(page=page, text=text) for text in texts]
    return target, pdf_redact(source=source, target=target, requests=requests, **kwargs)


LINE = "BT /F1 12 Tf 72 700 Td (Contact Kerry Kelly today about the plan) Tj ET"


def test_glyphs_go_and_the_rest_stay_where_they_were(tmp_path):
    source = build(tmp_path / "in.pdf", LINE)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert outcome.boxes == 1 and not outcome.rasterised and not outcome.not_found
    assert b"Kerry" not in streams(target)
    assert_only_removed(source, target)


def test_kerning_and_text_state_are_kept(tmp_path):
    """TJ numbers, Tc, Tw, Tz and Ts all move the glyphs after a removed one the same."""
    content = (
        "BT /F1 11 Tf 1.5 Tc 4 Tw 90 Tz 2 Ts 1 0 0.2 1 72 600 Tm "
        "[(Con) -40 (tact K) 120 (erry Kel) -35 (ly to) 60 (day, pl) -20 (ease.)] TJ ET"
    )
    source = build(tmp_path / "in.pdf", content)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert not outcome.rasterised
    assert_only_removed(source, target)


def test_quote_operators_and_composite_font(tmp_path):
    hexed = "".join(f"{ord(c):04X}" for c in "Call Kerry Kelly now")
    content = (
        "BT /F1 12 Tf 14 TL 72 700 Td (First line) Tj (Kerry Kelly said) ' "
        '2 0.5 (Kerry Kelly again) " ET '
        f"BT /F2 10 Tf 72 500 Td [<{hexed}>] TJ ET"
    )
    source = build(tmp_path / "in.pdf", content, fonts={"/F2": identity_h})
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert outcome.boxes == 3 and not outcome.rasterised
    assert_only_removed(source, target)


def test_every_occurrence_and_each_line_of_a_wrapped_text(tmp_path):
    content = (
        "BT /F1 12 Tf 14 TL 72 700 Td (Kerry Kelly met the social worker at) Tj T* "
        "(66 Foundry Road, Wexcombe) Tj T* (DH18 8ZN where Kerry Kelly lived.) Tj ET"
    )
    source = build(tmp_path / "in.pdf", content)
    target, outcome = redact(tmp_path, source, "Kerry Kelly", "Wexcombe\nDH18  8ZN")
    assert outcome.boxes == 4 and not outcome.not_found
    text = page_text(target)
    assert "Kerry" not in text and "Wexcombe" not in text and "DH18" not in text
    assert "66 Foundry Road," in text and "lived." in text


def test_matching_is_case_sensitive_and_reports_what_is_missing(tmp_path):
    source = build(tmp_path / "in.pdf", LINE, LINE)
    missing = [
        RedactionRequest(1, "kerry kelly"),
        RedactionRequest(1, "Jordan Marsh"),
        RedactionRequest(3, "Kerry Kelly"),
        RedactionRequest(1, " \n "),
    ]
    found = RedactionRequest(2, "Kerry  Kelly")
    target = tmp_path / "out.pdf"
    outcome = pdf_redact(source=source, target=target, requests=[*missing, found])
    assert sorted(outcome.not_found, key=repr) == sorted(missing, key=repr)
    assert "Kerry Kelly" in page_text(target, 1)
    assert "Kerry" not in page_text(target, 2)


def test_text_in_a_form_xobject_is_removed_without_touching_other_pages(tmp_path):
    def decorate(pdf):
        form = pdf.make_stream(LINE.encode())
        form.Type, form.Subtype, form.BBox = (
            pikepdf.Name.XObject,
            pikepdf.Name.Form,
            [0, 0, 612, 792],
        )
        for page in pdf.pages:
            page.Resources.XObject = pikepdf.Dictionary(Fm0=form)

    source = build(tmp_path / "in.pdf", "/Fm0 Do", "/Fm0 Do", decorate=decorate)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert not outcome.rasterised and outcome.boxes == 1
    assert_only_removed(source, target)
    assert "Kerry Kelly" in page_text(target, 2)


def test_rotated_page_with_offset_boxes(tmp_path):
    source = build(tmp_path / "in.pdf", LINE, mediabox=(100, 100, 712, 892), rotate=90)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert not outcome.rasterised
    assert_only_removed(source, target)


def test_marked_content_loses_its_actual_text_with_its_glyphs(tmp_path):
    content = (
        "/Span <</ActualText (Kerry Kelly)>> BDC BT /F1 12 Tf 72 700 Td (Kerry Kelly) Tj ET EMC "
        "/Span <</ActualText (kept)>> BDC BT /F1 12 Tf 72 600 Td (kept) Tj ET EMC"
    )
    source = build(tmp_path / "in.pdf", content)
    target, _ = redact(tmp_path, source, "Kerry Kelly")
    assert b"Kerry" not in streams(target)
    assert b"/ActualText (kept)" in streams(target)


def test_a_type3_font_page_is_rasterised_and_stays_searchable(tmp_path):
    content = (
        "BT /F1 12 Tf 72 700 Td (Normal text line) Tj ET "
        "BT /T3 14 Tf 72 650 Td (Drawn Letters) Tj ET " + LINE.replace("700", "600")
    )
    source = build(tmp_path / "in.pdf", content, fonts={"/T3": type3})
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert "Type 3" in outcome.rasterised[1]
    text = page_text(target)
    assert "Kerry" not in text and "Kelly" not in text
    for kept in ("Normal text line", "Drawn Letters", "Contact", "today about the plan"):
        assert kept in text
    with pikepdf.open(target) as pdf:
        assert b"3 Tr" in pdf.pages[0].Contents.read_bytes()
        assert "/T3" not in pdf.pages[0].Resources.Font


@pytest.mark.parametrize(
    ("font", "reason"),
    [
        ({"/F2": lambda pdf: identity_h(pdf, encoding="/UniGB-UCS2-H")}, "encoding not supported"),
        ({"/F2": lambda pdf: identity_h(pdf, encoding="/Identity-V")}, "vertical writing"),
    ],
)
def test_fonts_that_cannot_be_read_send_the_page_to_rasterising(tmp_path, font, reason):
    content = "BT /F2 12 Tf 72 400 Td <0041> Tj ET " + LINE
    source = build(tmp_path / "in.pdf", content, fonts=font)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert reason in outcome.rasterised[1]
    assert "Kerry" not in page_text(target) and "today about the plan" in page_text(target)


def test_a_picture_under_a_box_sends_the_page_to_rasterising(tmp_path):
    def decorate(pdf):
        image = pdf.make_stream(b"\x80" * 4)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = 2, 2, 8
        image.ColorSpace = pikepdf.Name.DeviceGray
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(Im0=image)

    image_under = "q 400 0 0 30 60 690 cm /Im0 Do Q " + LINE
    source = build(tmp_path / "in.pdf", image_under, decorate=decorate)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert "picture" in outcome.rasterised[1]
    assert "Kerry" not in page_text(target)


def test_a_miss_found_by_the_final_check_is_rasterised(tmp_path, monkeypatch):
    """If the rewriter ever left a glyph in a box, re-reading the file catches it."""
    monkeypatch.setattr(content_module.glyphs, "without_boxed", lambda items, *a: (items, 1, 0))
    monkeypatch.setattr(content_module, "clear_of", lambda *a: False)
    source = build(tmp_path / "in.pdf", LINE)
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert outcome.rasterised == {1: engine._STILL_THERE}
    assert "Kerry" not in page_text(target) and "today" in page_text(target)


def test_zero_requests_still_writes_a_copy_and_reports_progress(tmp_path):
    source = build(tmp_path / "in.pdf", LINE, LINE, LINE)
    calls = []
    target, outcome = redact(tmp_path, source, progress=lambda done, total: calls.append(done))
    assert outcome.page_count == 3 and outcome.boxes == 0 and not outcome.not_found
    assert calls == [1, 2, 3]
    assert page_text(target, 3) == page_text(source, 3)
    assert os.stat(target).st_mode & 0o777 == engine.TARGET_MODE


def test_nothing_is_left_behind_when_the_source_cannot_be_read(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.7\nthis is not really a PDF\n")
    with pytest.raises(RedactionFailed):
        redact(tmp_path, source, "Kerry Kelly")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


def test_a_password_protected_source_is_refused(tmp_path):
    plain = build(tmp_path / "plain.pdf", LINE)
    source = tmp_path / "in.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(source, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(RedactionFailed, match="password"):
        redact(tmp_path, source, "Kerry Kelly")
    assert not (tmp_path / "out.pdf").exists()


def test_a_failed_write_keeps_the_old_target_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    source = build(tmp_path / "in.pdf", LINE)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous copy")

    def broken(pdf, path):
        path.write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(engine, "_save", broken)
    with pytest.raises(OSError, match="disk full"):
        redact(tmp_path, source, "Kerry Kelly")
    assert target.read_bytes() == b"previous copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf", "out.pdf"]


def test_a_malformed_font_sends_the_page_to_rasterising_not_to_an_error(tmp_path):
    def broken_widths(pdf):
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.TrueType,
                BaseFont=pikepdf.Name("/Broken"),
                FirstChar=32,
                Widths=pikepdf.Name("/NotAnArray"),
            )
        )
        return font

    content = "BT /F2 12 Tf 72 400 Td (x) Tj ET " + LINE
    source = build(tmp_path / "in.pdf", content, fonts={"/F2": broken_widths})
    target, outcome = redact(tmp_path, source, "Kerry Kelly")
    assert "could not be read" in outcome.rasterised[1]
    assert "Kerry" not in page_text(target) and "today about the plan" in page_text(target)


def test_decomposed_letters_match_their_composed_form():
    from collation.pdf.redaction.locate import _nfc_with_indices

    pieces = _nfc_with_indices("Jose\u0301 Mu\u0308ller")
    assert "".join(ch for _, ch in pieces) == "José Müller"
    assert [index for index, ch in pieces if ch in "éü"] == [3, 7]
