"""One shown string (``Tj``/``TJ`` operand) glyph by glyph: where each glyph lands, which go.

A glyph's box in text space runs from its origin to its advance width across
and from the font's descent to its ascent (plus text rise) up; mapped to
page space by the text matrix and the CTM. It goes when the centre of that
box lies in a redaction box. Its advance - width times size, plus character
spacing, plus word spacing for a single-byte space, times horizontal
scaling - becomes a ``TJ`` number, so the glyphs after it do not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pikepdf

from collation.pdf.redaction.base import Matrix, NeedsRaster, Rect
from collation.pdf.redaction.fonts import FontMetrics


@dataclass(frozen=True)
class TextState:
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0  # Tz / 100
    leading: float = 0.0
    font: pikepdf.Object | None = None
    size: float = 0.0
    rise: float = 0.0


def heights(state: TextState, metrics: FontMetrics) -> tuple[float, float]:
    """(top, bottom) of the glyphs in text space."""
    return (
        metrics.ascent * state.size + state.rise,
        metrics.descent * state.size + state.rise,
    )


def clear_of(boxes: list[Rect], to_page: Matrix, ascent: float, descent: float) -> bool:
    """Whether upright text on this baseline has its glyphs' centres above or below every box."""
    _, b, c, d, _, f = to_page
    if b or c:
        return False
    middle = d * (ascent + descent) / 2 + f
    return not any(y0 <= middle <= y1 for _, y0, _, y1 in boxes)


def advance(items: list, metrics: FontMetrics, state: TextState) -> float:
    """How far a ``TJ`` array moves the text position (text space)."""
    size = state.size
    total = 0.0
    for item in items:
        if isinstance(item, int | float | Decimal):
            total -= float(item) / 1000 * size
            continue
        codes = metrics.codes(bytes(item))
        total += sum(metrics.width(code) for code in codes) * size
        total += state.char_spacing * len(codes)
        if metrics.code_bytes == 1 and state.word_spacing:
            total += state.word_spacing * codes.count(32)
    return total * state.scale


def without_boxed(
    items: list, state: TextState, metrics: FontMetrics, to_page: Matrix, boxes: list[Rect]
) -> tuple[list, int, float]:
    """(the ``TJ`` array without the glyphs under ``boxes``, how many went, the advance)."""
    size, scale = state.size, state.scale
    ascent, descent = heights(state, metrics)
    a, b, c, d, e, f = to_page
    middle = (ascent + descent) / 2
    if not b and not c:  # upright text: only boxes across this baseline's band matter
        boxes = [box for box in boxes if box[1] <= d * middle + f <= box[3]]
    x = 0.0
    kept: list = []
    removed = 0
    for item in items:
        if isinstance(item, int | float | Decimal):
            x -= float(item) / 1000 * size * scale
            _add_number(kept, float(item))
            continue
        run = bytearray()
        for code in metrics.codes(bytes(item)):
            width = metrics.width(code)
            spacing = state.char_spacing
            if metrics.code_bytes == 1 and code == 32:
                spacing += state.word_spacing
            step = (width * size + spacing) * scale
            # The centre of a glyph's box maps to the centre of its box on the page.
            centre = x + width * size * scale / 2
            cx, cy = a * centre + c * middle + e, b * centre + d * middle + f
            if any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes):
                removed += 1
                if step:
                    if not size or not scale:
                        raise NeedsRaster("text on the page has a font size of zero")
                    if run:
                        kept.append(pikepdf.String(bytes(run)))
                        run = bytearray()
                    _add_number(kept, -step * 1000 / (size * scale))
            else:
                run.extend(code.to_bytes(metrics.code_bytes, "big"))
            x += step
        if run:
            kept.append(pikepdf.String(bytes(run)))
    return kept, removed, x


def _add_number(kept: list, number: float) -> None:
    """Appends a ``TJ`` displacement, merged with one just before it."""
    if kept and isinstance(kept[-1], float):
        kept[-1] = round(kept[-1] + number, 4)
    else:
        kept.append(round(number, 4))
