"""The fallback for a page whose text cannot be rewritten safely: a picture of it.

pypdfium2 renders the original page (without annotations, unrotated, over
its crop box) at ``DPI``; the redaction boxes are painted black into the
pixels, so nothing under them survives. The picture replaces the page's
content and resources, placed over the crop box so the page keeps its size,
position and ``/Rotate``.

So that the page can still be searched and read by the platform, the
page's remaining text (pdfium's characters whose centre is outside every box)
is laid over the picture in render mode 3 (invisible), one character at a
time at its original box, in a composite font with no glyphs of its own whose
codes are the Unicode code points (``ToUnicode`` says so). Characters
outside the Basic Multilingual Plane are left out of that layer.

Call ``page_rasterise`` holding ``checks.PDFIUM_LOCK``.
"""

from __future__ import annotations

import zlib

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageChops, ImageDraw

from collation.pdf.redaction.base import Rect, centre_inside

#: 200 dpi keeps 9 pt text legible and an A4 page around 0.3-0.6 MB.
DPI = 200
#: At most this many pixels a page (an A4 page at 200 dpi has 3.9 million).
MAX_PIXELS = 16_000_000
_FONT = "/RdF"
_IMAGE = "/RdIm"


def page_rasterise(
    pdf: pikepdf.Pdf,
    page: pikepdf.Page,
    source: pdfium.PdfPage,
    boxes: list[Rect],
    font: pikepdf.Object,
) -> None:
    """Replace ``page`` with a picture of ``source`` with ``boxes`` burned in, plus its text.

    ``font`` is the document's ``glyphless_font(pdf)``, made once.
    """
    source.set_rotation(0)
    left, bottom, right, top = source.get_cropbox()
    # A poster-sized page is drawn at fewer dots so that its picture stays in memory bounds.
    scale = min(DPI / 72, (MAX_PIXELS / max((right - left) * (top - bottom), 1.0)) ** 0.5)
    bitmap = source.render(scale=scale, draw_annots=False)
    image = bitmap.to_pil().convert("RGB")
    bitmap.close()
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle(
            [(x0 - left) * scale, (top - y1) * scale, (x1 - left) * scale, (top - y0) * scale],
            fill=(0, 0, 0),
        )
    textpage = source.get_textpage()
    try:
        text_layer = _text_layer(textpage, boxes)
    finally:
        textpage.close()
    width, height = right - left, top - bottom
    content = (
        f"q {width:.4f} 0 0 {height:.4f} {left:.4f} {bottom:.4f} cm {_IMAGE} Do Q\n".encode()
        + text_layer
    )
    page.obj.Contents = pdf.make_stream(content)
    page.obj.Resources = pikepdf.Dictionary(
        XObject=pikepdf.Dictionary({_IMAGE: _image_stream(pdf, image)}),
        Font=pikepdf.Dictionary({_FONT: font}),
    )


def _image_stream(pdf: pikepdf.Pdf, image) -> pikepdf.Stream:
    """The picture as a lossless (Flate) image, in grey when it has no colour."""
    grey = image.convert("L")
    if ImageChops.difference(grey.convert("RGB"), image).getbbox() is None:
        image, colour_space = grey, pikepdf.Name.DeviceGray
    else:
        colour_space = pikepdf.Name.DeviceRGB
    stream = pikepdf.Stream(pdf, zlib.compress(image.tobytes(), 6))
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width, stream.Height = image.width, image.height
    stream.ColorSpace = colour_space
    stream.BitsPerComponent = 8
    stream.Filter = pikepdf.Name.FlateDecode
    return pdf.make_indirect(stream)


def _text_layer(textpage: pdfium.PdfTextPage, boxes: list[Rect]) -> bytes:
    """Invisible text: each remaining character at its own box, code = code point."""
    parts = [f"BT 3 Tr {_FONT} 1 Tf\n".encode()]
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        if code == 0xFFFE:  # pdfium's end-of-line hyphen marker
            code = ord("-")
        if not 0x20 < code < 0x10000 or chr(code).isspace():
            continue
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        box = textpage.get_charbox(index, loose=True)
        x0, y0, x1, y1 = box
        if x1 <= x0 or y1 <= y0 or centre_inside(box, boxes):
            continue
        parts.append(
            f"{x1 - x0:.3f} 0 0 {y1 - y0:.3f} {x0:.3f} {y0:.3f} Tm <{code:04X}> Tj\n".encode()
        )
    parts.append(b"ET\n")
    return b"".join(parts)


def glyphless_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A composite font whose every code is one em wide and means its own code point."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256)]
    body = "".join(
        f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n"
        for chunk in (ranges[i : i + 100] for i in range(0, len(ranges), 100))
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/GlyphLessFont"),
        Flags=4,
        FontBBox=[0, -200, 1000, 800],
        ItalicAngle=0,
        Ascent=800,
        Descent=-200,
        CapHeight=700,
        StemV=80,
    )
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/GlyphLessFont"),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=1000,
        CIDToGIDMap=pikepdf.Name.Identity,
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/GlyphLessFont"),
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[pdf.make_indirect(cid_font)],
            ToUnicode=pdf.make_stream(cmap.encode()),
        )
    )
