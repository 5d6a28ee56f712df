"""What the content-stream rewriter needs from a font: how bytes split into glyphs, and widths.

Supported, which covers what word processors and report generators write:

* simple fonts (Type 1, TrueType, multiple master): one byte a glyph, widths
  from ``/Widths``; the standard 14 fonts without ``/Widths`` take the
  Adobe metrics pdfminer.six ships (``pdfminer.fontmetrics``) through the
  font's encoding;
* Type 0 (composite) fonts with the ``Identity-H`` encoding: two bytes a
  glyph, widths from the descendant font's ``/W`` and ``/DW``.

Anything else - Type 3 fonts, vertical writing, other CMaps, a font with no
widths at all - raises ``NeedsRaster``: glyph positions would be guesses, and
a guess could leave redacted text in the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from collation.pdf.redaction.base import NeedsRaster

#: Glyph-space heights used when a font says nothing about them (per 1000).
_DEFAULT_ASCENT, _DEFAULT_DESCENT = 800.0, -200.0
_SIMPLE = {"/Type1", "/TrueType", "/MMType1"}


@dataclass(frozen=True)
class FontMetrics:
    #: bytes per glyph code: 1 (simple fonts) or 2 (Identity-H)
    code_bytes: int
    #: glyph code -> advance width in text space units per unit font size
    widths: dict[int, float]
    default_width: float
    #: glyph box above and below the baseline, per unit font size
    ascent: float
    descent: float

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)

    def codes(self, data: bytes) -> list[int]:
        """The glyph codes in a shown string."""
        if self.code_bytes == 1:
            return list(data)
        if len(data) % 2:
            raise NeedsRaster("a text string on the page is cut in the middle of a character")
        return [data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)]


def font_metrics(font: pikepdf.Object) -> FontMetrics:
    """The metrics of a font dictionary, or ``NeedsRaster`` saying why there are none."""
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        raise NeedsRaster("the page uses a Type 3 font, whose letters are drawn as pictures")
    if subtype == "/Type0":
        return _composite(font)
    if subtype in _SIMPLE:
        return _simple(font)
    raise NeedsRaster(f"the page uses a font of an unknown kind ({subtype or 'none given'})")


def _simple(font: pikepdf.Object) -> FontMetrics:
    descriptor = font.get("/FontDescriptor")
    ascent, descent = _heights(descriptor)
    widths_array = font.get("/Widths")
    if widths_array is not None:
        first = int(font.get("/FirstChar", 0))
        widths = {first + i: float(w) / 1000 for i, w in enumerate(widths_array)}
        missing = float(descriptor.get("/MissingWidth", 0)) if descriptor is not None else 0.0
        return FontMetrics(1, widths, missing / 1000, ascent, descent)
    return _standard_14(font)


def _standard_14(font: pikepdf.Object) -> FontMetrics:
    """Metrics of a standard 14 font given without widths (as ReportLab writes Helvetica)."""
    from pdfminer.encodingdb import EncodingDB
    from pdfminer.fontmetrics import FONT_METRICS

    name = str(font.get("/BaseFont", "/"))[1:]
    name = name.split("+", 1)[-1]
    if name not in FONT_METRICS or name in {"Symbol", "ZapfDingbats"}:
        raise NeedsRaster(f"a font on the page ({name or 'unnamed'}) gives no letter widths")
    descriptor, by_char = FONT_METRICS[name]
    encoding = font.get("/Encoding")
    base, differences = "StandardEncoding", None
    if isinstance(encoding, pikepdf.Name):
        base = str(encoding)[1:]
    elif isinstance(encoding, pikepdf.Dictionary):
        base = str(encoding.get("/BaseEncoding", "/StandardEncoding"))[1:]
        differences = [_difference_item(item) for item in encoding.get("/Differences", [])]
    chars = EncodingDB.get_encoding(base, differences)
    widths = {code: by_char.get(ch, 0) / 1000 for code, ch in chars.items()}
    return FontMetrics(
        1,
        widths,
        0.0,
        float(descriptor.get("Ascent", _DEFAULT_ASCENT)) / 1000,
        float(descriptor.get("Descent", _DEFAULT_DESCENT)) / 1000,
    )


def _difference_item(item: object) -> object:
    """pdfminer's form of a ``/Differences`` entry: an int, or a name object with ``.name``."""
    from pdfminer.psparser import LIT

    return int(item) if isinstance(item, int) else LIT(str(item)[1:])


def _composite(font: pikepdf.Object) -> FontMetrics:
    encoding = font.get("/Encoding")
    shown = str(encoding) if isinstance(encoding, pikepdf.Name) else "an embedded CMap"
    if shown != "/Identity-H":
        if shown == "/Identity-V":
            raise NeedsRaster("the page has vertical writing")
        raise NeedsRaster(f"a font on the page uses a character encoding not supported ({shown})")
    descendants = font.get("/DescendantFonts")
    if not descendants:
        raise NeedsRaster("a composite font on the page has no descendant font")
    cid_font = descendants[0]
    ascent, descent = _heights(cid_font.get("/FontDescriptor"))
    widths: dict[int, float] = {}
    items = list(cid_font.get("/W", []))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for offset, w in enumerate(items[i + 1]):
                widths[first + offset] = float(w) / 1000
            i += 2
        else:
            last, w = int(items[i + 1]), float(items[i + 2]) / 1000
            if last - first > 65536:
                raise NeedsRaster("a font on the page has an impossible width table")
            widths.update(dict.fromkeys(range(first, last + 1), w))
            i += 3
    return FontMetrics(2, widths, float(cid_font.get("/DW", 1000)) / 1000, ascent, descent)


def _heights(descriptor: pikepdf.Object | None) -> tuple[float, float]:
    """(ascent, descent) per unit font size, from the descriptor or the font's box."""
    if descriptor is None:
        return _DEFAULT_ASCENT / 1000, _DEFAULT_DESCENT / 1000
    ascent = float(descriptor.get("/Ascent", 0))
    descent = float(descriptor.get("/Descent", 0))
    if ascent <= descent:
        box = descriptor.get("/FontBBox")
        if box is not None and len(box) == 4 and float(box[3]) > float(box[1]):
            ascent, descent = float(box[3]), float(box[1])
        else:
            ascent, descent = _DEFAULT_ASCENT, _DEFAULT_DESCENT
    return ascent / 1000, descent / 1000
