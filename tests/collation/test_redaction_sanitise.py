"""What ``pdf_redact`` strips from every copy, with or without requests (``sanitise.py``)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from collation.pdf.redaction import RedactionRequest, pdf_redact
from collation.pdf.redaction.sanitise import BLANKED
from tests.collation.redaction_pdfs import build

Name, Dictionary, String = pikepdf.Name, pikepdf.Dictionary, pikepdf.String
LINE = "BT /F1 12 Tf 72 700 Td (Contact Kerry Kelly today about the plan) Tj ET"


def javascript(pdf: pikepdf.Pdf, code: str = "app.alert(1)") -> pikepdf.Object:
    return pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String(code)))


def decorate(pdf: pikepdf.Pdf) -> None:
    """Everything a report can carry besides its pages' appearance."""
    root, page = pdf.Root, pdf.pages[0].obj
    pdf.trailer.Info = pdf.make_indirect(
        Dictionary(Author=String("Kerry Kelly"), Title=String("x"))
    )
    root.Metadata = pdf.make_stream(b"<x:xmpmeta>Kerry Kelly</x:xmpmeta>")
    root.Metadata.Type, root.Metadata.Subtype = Name.Metadata, Name.XML
    attached = pdf.make_stream(b"secret attachment")
    attached.Type = Name.EmbeddedFile
    filespec = pdf.make_indirect(
        Dictionary(Type=Name.Filespec, F=String("notes.txt"), EF=Dictionary(F=attached))
    )
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("name"),
            V=String("Kerry Kelly"),
            Rect=[72, 100, 200, 120],
            AA=Dictionary(K=javascript(pdf)),
        )
    )
    page.Annots = pdf.make_indirect(
        [
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=[72, 690, 200, 712],
                A=Dictionary(S=Name.URI, URI=String("https://example.org")),
            ),
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.FileAttachment,
                Rect=[300, 300, 320, 320],
                FS=filespec,
                Contents=String("Kerry Kelly"),
            ),
            widget,
        ]
    )
    root.AcroForm = Dictionary(Fields=[widget])
    root.Names = Dictionary(
        EmbeddedFiles=Dictionary(Names=[String("notes.txt"), filespec]),
        JavaScript=Dictionary(Names=[String("doc"), javascript(pdf)]),
        Dests=Dictionary(Names=[String("start"), [page, Name.Fit]]),
    )
    root.OpenAction = javascript(pdf)
    root.AA = Dictionary(WC=javascript(pdf))
    page.AA = Dictionary(O=javascript(pdf))
    page.Thumb = pdf.make_stream(
        b"\x00" * 4, Width=2, Height=2, BitsPerComponent=8, ColorSpace=Name.DeviceGray
    )
    root.PieceInfo = Dictionary(Word=Dictionary(Private=String("Kerry Kelly")))
    page.PieceInfo = Dictionary(Word=Dictionary(Private=String("Kerry Kelly")))
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    named = pdf.make_indirect(
        Dictionary(Title=String("About Kerry Kelly"), Parent=outlines, A=javascript(pdf))
    )
    kept = pdf.make_indirect(
        Dictionary(
            Title=String("Chronology"),
            Parent=outlines,
            Dest=[page, Name.Fit],
            A=Dictionary(S=Name.GoTo, D=[page, Name.Fit], Next=javascript(pdf)),
        )
    )
    named.Next, kept.Prev = kept, named
    outlines.First, outlines.Last, outlines.Count = named, kept, 2
    root.Outlines = outlines
    root.StructTreeRoot = pdf.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=[
                Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=String("Photo of Kerry Kelly")),
                Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=String("The board's logo")),
            ],
        )
    )


REMOVED = {
    "document information": lambda pdf: "/Info" not in pdf.trailer,
    "XMP metadata": lambda pdf: "/Metadata" not in pdf.Root,
    "annotations": lambda pdf: "/Annots" not in pdf.pages[0].obj,
    "form fields": lambda pdf: "/AcroForm" not in pdf.Root,
    "attachments": lambda pdf: "/EmbeddedFiles" not in pdf.Root.Names,
    "JavaScript names": lambda pdf: "/JavaScript" not in pdf.Root.Names,
    "open action": lambda pdf: "/OpenAction" not in pdf.Root,
    "document actions": lambda pdf: "/AA" not in pdf.Root,
    "page actions": lambda pdf: "/AA" not in pdf.pages[0].obj,
    "thumbnail": lambda pdf: "/Thumb" not in pdf.pages[0].obj,
    "private application data": lambda pdf: (
        "/PieceInfo" not in pdf.Root and "/PieceInfo" not in pdf.pages[0].obj
    ),
    "outline scripts": lambda pdf: "/JS" not in pdf.Root.Outlines.First.get("/A", {}),
    "chained scripts": lambda pdf: "/Next" not in pdf.Root.Outlines.Last.A,
    "no script or attachment anywhere": lambda pdf: (
        not any(
            isinstance(obj, Dictionary | pikepdf.Stream)
            and ("/JS" in obj or obj.get("/Type") == Name.EmbeddedFile)
            for obj in pdf.objects
        )
    ),
}


@pytest.fixture
def decorated(tmp_path: Path) -> Path:
    return build(tmp_path / "in.pdf", LINE, decorate=decorate)


@pytest.mark.parametrize("with_requests", [False, True], ids=["no requests", "with a request"])
@pytest.mark.parametrize("item", list(REMOVED))
def test_each_item_is_removed(tmp_path, decorated, item, with_requests):
    requests = [RedactionRequest(1, "Kerry Kelly")] if with_requests else []
    target = tmp_path / "out.pdf"
    pdf_redact(source=decorated, target=target, requests=requests)
    with pikepdf.open(target) as pdf:
        assert REMOVED[item](pdf), item


def test_navigation_and_tags_are_kept_but_lose_the_redacted_text(tmp_path, decorated):
    target = tmp_path / "out.pdf"
    pdf_redact(source=decorated, target=target, requests=[RedactionRequest(1, "Kerry  Kelly")])
    with pikepdf.open(target) as pdf:
        assert str(pdf.Root.Outlines.First.Title) == BLANKED
        assert str(pdf.Root.Outlines.Last.Title) == "Chronology"
        assert "/Dests" in pdf.Root.Names
        alts = [str(element.Alt) for element in pdf.Root.StructTreeRoot.K]
        assert alts == [BLANKED, "The board's logo"]
    assert b"Kerry" not in target.read_bytes()


def test_without_requests_tags_keep_their_text(tmp_path, decorated):
    target = tmp_path / "out.pdf"
    pdf_redact(source=decorated, target=target, requests=[])
    with pikepdf.open(target) as pdf:
        assert str(pdf.Root.StructTreeRoot.K[0].Alt) == "Photo of Kerry Kelly"
        assert "Kerry Kelly" in pikepdf.unparse_content_stream(
            pikepdf.parse_content_stream(pdf.pages[0])
        ).decode("latin-1")


@pytest.mark.parametrize("item", list(REMOVED))
def test_the_source_holds_each_item(decorated, item):
    """So that the removal tests above prove something."""
    with pikepdf.open(decorated) as pdf:
        assert not REMOVED[item](pdf), item
