"""Small PDFs built in tests, one feature each, for the redaction engine's tests.

Written with pikepdf from hand-written content streams, so each test shows
exactly which operators and fonts it exercises. Fonts are not embedded: the
standard 14 are every viewer's own, and the composite font's glyphs are
never needed (pdfium reads text through ``ToUnicode`` and widths through
``/W``).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

Name = pikepdf.Name


def helvetica(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """Helvetica as ReportLab writes it: a standard 14 font with no widths."""
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )


def identity_h(pdf: pikepdf.Pdf, *, encoding: str = "/Identity-H") -> pikepdf.Object:
    """A composite font whose two-byte codes are Unicode code points, 600 units wide."""
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange "
        "1 beginbfrange <0020> <007E> <0020> endbfrange endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    )
    cid_font = pikepdf.Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name("/ArialMT"),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(
            pikepdf.Dictionary(
                Type=Name.FontDescriptor,
                FontName=Name("/ArialMT"),
                Flags=32,
                FontBBox=[-665, -325, 2000, 1040],
                ItalicAngle=0,
                Ascent=905,
                Descent=-212,
                CapHeight=716,
                StemV=80,
            )
        ),
        DW=1000,
        W=[32, 126, 600],
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/ArialMT"),
            Encoding=Name(encoding),
            DescendantFonts=[pdf.make_indirect(cid_font)],
            ToUnicode=pdf.make_stream(cmap.encode()),
        )
    )


def type3(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A Type 3 font: every letter a filled box, 500 units wide, read through ToUnicode."""
    letters = [chr(c) for c in range(ord("A"), ord("z") + 1) if chr(c).isalpha()]
    procs = {f"/{ch}": pdf.make_stream(b"500 0 0 0 400 700 d1 0 0 400 700 re f") for ch in letters}
    procs["/space"] = pdf.make_stream(b"250 0 0 0 0 0 d1")
    differences = [32, Name.space] + [x for ch in letters for x in (ord(ch), Name(f"/{ch}"))]
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def "
        "1 begincodespacerange <00> <FF> endcodespacerange "
        "1 beginbfrange <20> <7A> <0020> endbfrange endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=[0, 0, 500, 700],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=pikepdf.Dictionary(procs),
            Encoding=pikepdf.Dictionary(Type=Name.Encoding, Differences=differences),
            FirstChar=32,
            LastChar=122,
            Widths=[250] + [500] * 90,
            ToUnicode=pdf.make_stream(cmap.encode()),
            Resources=pikepdf.Dictionary(),
        )
    )


def build(
    path: Path,
    *pages: str,
    fonts: dict[str, object] | None = None,
    mediabox: tuple = (0, 0, 612, 792),
    rotate: int = 0,
    decorate=None,
) -> Path:
    """A PDF with one page per content stream; ``/F1`` is Helvetica, other fonts by maker.

    ``decorate(pdf)`` may add anything else (metadata, forms, scripts) before saving.
    """
    pdf = pikepdf.new()
    made = {"/F1": helvetica(pdf)}
    for name, maker in (fonts or {}).items():
        made[name] = maker(pdf)
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(made))
    for content in pages:
        page = pikepdf.Dictionary(
            Type=Name.Page,
            MediaBox=list(mediabox),
            Resources=resources,
            Contents=pdf.make_stream(content.encode("latin-1")),
        )
        if rotate:
            page.Rotate = rotate
        pdf.pages.append(pikepdf.Page(page))
    if decorate is not None:
        decorate(pdf)
    pdf.save(path)
    return path
