"""The engine's public types, and the geometry every module shares."""

from __future__ import annotations

from dataclasses import dataclass, field

#: (left, bottom, right, top) in the page's default user space, in points.
Rect = tuple[float, float, float, float]
#: A PDF matrix (a, b, c, d, e, f); a point (x, y) maps to (ax + cy + e, bx + dy + f).
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class RedactionRequest:
    page: int  # physical page, 1-based
    text: str  # as extract_pages() gives it; whitespace and line breaks may differ


@dataclass
class RedactionOutcome:
    page_count: int
    boxes: int  # black boxes drawn
    rasterised: dict[int, str] = field(default_factory=dict)  # page -> reason, plain English
    not_found: list[RedactionRequest] = field(default_factory=list)


class RedactionFailed(Exception):
    """The source cannot be redacted at all; the message is written for a manager."""


class NeedsRaster(Exception):
    """This page's text cannot be rewritten safely; the message says why, in plain English."""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector order: ``m × n``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def transform_rect(m: Matrix, rect: Rect) -> Rect:
    """The axis-aligned box around ``rect`` mapped by ``m``."""
    x0, y0, x1, y1 = rect
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    return (min(xs), min(ys), max(xs), max(ys))


def overlaps(rect: Rect, boxes: list[Rect]) -> bool:
    """Whether ``rect`` shares any area (or, if it has none, any point) with one of ``boxes``."""
    x0, y0, x1, y1 = rect
    return any(x0 <= bx1 and bx0 <= x1 and y0 <= by1 and by0 <= y1 for bx0, by0, bx1, by1 in boxes)


def centre_inside(rect: Rect, boxes: list[Rect]) -> bool:
    """Whether the centre of ``rect`` lies in one of ``boxes``: the test for "this glyph goes"."""
    cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return any(bx0 <= cx <= bx1 and by0 <= cy <= by1 for bx0, by0, bx1, by1 in boxes)
