"""Finding each requested text on its page, as boxes in page space.

The platform reads a page's text from pypdfium2's text page
(``collation.pdf.extract``), so the texts managers choose come from that
reading and are found in it again here: each character of the text page has
an index and a box. Matching ignores white space entirely (line breaks,
doubled or missing spaces between words), turns pdfium's end-of-line hyphen
marker (U+FFFE) back into "-" as extraction does, compares NFC forms, and is
otherwise exact (case-sensitive). Every occurrence counts, overlapping ones
too.

A match becomes one box per line: the union of its characters' loose boxes
(full font height, advance width), split where the line changes or where a
gap wider than two character heights opens (a table row read across cells).
Call these functions holding ``checks.PDFIUM_LOCK``.
"""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from collation.pdf.redaction.base import Rect, centre_inside

_EOL_HYPHEN = "\ufffe"


def squash(text: str) -> str:
    """``text`` as matching sees it: NFC, hyphen marker as "-", no white space or NUL."""
    text = unicodedata.normalize("NFC", text.replace(_EOL_HYPHEN, "-"))
    return "".join(ch for ch in text if not ch.isspace() and ch != "\x00")


def _nfc_with_indices(text: str) -> list[tuple[int, str]]:
    """``text`` in NFC, each character with the index in ``text`` it came from.

    A letter and the combining marks after it are composed together and all
    point at the letter (whose box covers its marks).
    """
    if unicodedata.is_normalized("NFC", text):
        return list(enumerate(text))
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        pieces.extend((start, ch) for ch in unicodedata.normalize("NFC", text[start:end]))
        start = end
    return pieces


class PageText:
    """One page's text as matching sees it, and the way back to each character's box.

    The text comes from one ``get_text_range()`` call (as in extraction); boxes
    are asked of pdfium only for the characters a match covers.
    """

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._textpage = textpage
        text = textpage.get_text_range().replace(_EOL_HYPHEN, "-")
        keep = [
            (index, ch)
            for index, ch in _nfc_with_indices(text)
            if not ch.isspace() and ch != "\x00"
        ]
        self.text = "".join(ch for _, ch in keep)
        self._text_index = [index for index, _ in keep]

    def find(self, text: str) -> list[list[Rect]]:
        """For each occurrence of ``text`` (overlapping ones too), its boxes, one per line."""
        needle = squash(text)
        found: list[list[Rect]] = []
        if not needle:
            return found
        start = self.text.find(needle)
        while start != -1:
            found.append(line_boxes([self._box(i) for i in range(start, start + len(needle))]))
            start = self.text.find(needle, start + 1)
        return found

    def _box(self, position: int) -> Rect:
        raw = self._textpage.raw
        index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, self._text_index[position])
        if index < 0:
            return (0.0, 0.0, 0.0, 0.0)
        return self._textpage.get_charbox(index, loose=True)


def letters_inside(textpage: pdfium.PdfTextPage, boxes: list[Rect]) -> str:
    """The letters (not white space) whose loose box has its centre in one of ``boxes``.

    pdfium's own ``get_text_bounded`` is the quick first look; it also takes
    neighbours that only touch a box, so each character is then measured.
    """
    if not any(squash(textpage.get_text_bounded(*box)) for box in boxes):
        return ""
    raw = textpage.raw
    letters = []
    for index in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if ch.isspace() or ch == "\x00" or pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        if centre_inside(textpage.get_charbox(index, loose=True), boxes):
            letters.append(ch)
    return "".join(letters)


def line_boxes(char_boxes: list[Rect]) -> list[Rect]:
    """The union of consecutive character boxes, one per line (or per run on a line)."""
    lines: list[Rect] = []
    current: Rect | None = None
    for box in char_boxes:
        x0, y0, x1, y1 = box
        if x1 - x0 <= 0 and y1 - y0 <= 0:
            # A glyph with no size (a zero font size hides text from the eye, not from
            # search) still gets a box, so that its glyph goes and the result is checked.
            x0, y0, x1, y1 = box = (x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5)
        if current is not None:
            cx0, cy0, cx1, cy1 = current
            middle = (y0 + y1) / 2
            height = max(y1 - y0, cy1 - cy0)
            same_line = cy0 <= middle <= cy1 and cx0 - height <= x0 <= cx1 + 2 * height
            if same_line:
                current = (min(cx0, x0), min(cy0, y0), max(cx1, x1), max(cy1, y1))
                continue
            lines.append(current)
        current = box
    if current is not None:
        lines.append(current)
    return lines
