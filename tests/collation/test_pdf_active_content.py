"""Active content (``collation.pdf.active_content``): scripts and actions, found through
``pdf_inspect`` and on their own."""

from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from collation.pdf.active_content import active_content_find
from collation.pdf.checks import (
    PdfInfo,
    PdfRejected,
    pdf_inspect,
)

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "samples" / "bad"
LIMITS = {"max_bytes": 50 * 1024 * 1024, "max_pages": 1000}


def _js(script: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(script),
        }
    )


def _write(writer: PdfWriter, path: Path) -> Path:
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _link(action: DictionaryObject) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 30)]),
            NameObject("/A"): action,
        }
    )


def test_plain_pdf_built_for_the_tests_is_accepted(tmp_path):
    writer = _one_page()
    # An open action that only shows the first page is harmless.
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    path = _write(writer, tmp_path / "plain.pdf")
    assert pdf_inspect(path, **LIMITS) == PdfInfo(page_count=1)


def test_open_action_javascript(tmp_path):
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = _js("app.alert(1)")
    path = _write(writer, tmp_path / "open_action.pdf")
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, **LIMITS)
    assert caught.value.code == "active_content"
    assert "JavaScript" in caught.value.message


def test_javascript_hidden_in_a_next_chain(tmp_path):
    writer = _one_page()
    go_to = DictionaryObject(
        {
            NameObject("/S"): NameObject("/GoTo"),
            NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")]),
            NameObject("/Next"): ArrayObject([_js("app.alert(2)")]),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = go_to
    path = _write(writer, tmp_path / "next_chain.pdf")
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, **LIMITS)
    assert caught.value.code == "active_content"


def test_document_additional_action(tmp_path):
    writer = _one_page()
    writer._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): _js("app.alert(3)")}
    )
    path = _write(writer, tmp_path / "document_aa.pdf")
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, **LIMITS)
    assert caught.value.code == "active_content"


def test_page_open_action(tmp_path):
    writer = _one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js("app.alert(4)")})
    path = _write(writer, tmp_path / "page_aa.pdf")
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, **LIMITS)
    assert caught.value.code == "active_content"


def test_launch_link(tmp_path):
    writer = _one_page()
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    writer.add_annotation(page_number=0, annotation=_link(launch))
    path = _write(writer, tmp_path / "launch.pdf")
    with pytest.raises(PdfRejected) as caught:
        pdf_inspect(path, **LIMITS)
    assert caught.value.code == "active_content"
    assert "opens another file or program" in caught.value.message


def test_web_link_is_fine(tmp_path):
    writer = _one_page()
    uri = DictionaryObject(
        {
            NameObject("/S"): NameObject("/URI"),
            NameObject("/URI"): TextStringObject("https://www.gov.uk/"),
        }
    )
    writer.add_annotation(page_number=0, annotation=_link(uri))
    path = _write(writer, tmp_path / "uri.pdf")
    assert pdf_inspect(path, **LIMITS).page_count == 1


def test_names_tree_javascript_is_found_without_pdfium_too():
    # pdfium's count of document JavaScript rejects the sample first; the
    # structural scan must find it on its own as well.
    assert active_content_find(BAD / "javascript_action.pdf", page_count=1) == "JavaScript"
    assert active_content_find(BAD / "valid_report.pdf", page_count=20) is None
