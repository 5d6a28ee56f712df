"""Page-by-page text extraction.

The contract every caller relies on: ``extract_pages(path)`` yields one
``ExtractedPage`` per physical page, in order, numbered from 1, whose text is
NFC-normalised with ``\\n`` line breaks.

How the text is read
--------------------
* Every page goes through pypdfium2's text page (about 550 pages a second on
  one core). On the sample reports it reads two-column pages column by
  column and tables row by row, and gives real bullets ("•").
* Only a page whose text contains right-to-left script (Hebrew, Arabic and
  so on) is read again, by pdfplumber, because pdfium reorders such runs
  blindly: it reverses text that was already drawn in logical order, and
  reverses the letters inside a lam-alef ligature. pdfplumber gives each
  glyph in visual (left-to-right) position, so each line is put back into
  logical order with python-bidi, glyph by glyph (see ``_rtl_line``).
  pdfplumber is opened only when such a page turns up, and each of its pages
  is closed straight after use.
* Tables are not sent to pdfplumber. On all 12 sample reports the pages with
  a table (many ruled lines) come back character for character the same
  from both libraries, while on other pages pdfplumber interleaves two-column
  text and leaves "(cid:127)" for bullets; ``bench/pdf_extract.py
  --compare-tables`` re-measures this.

A page that cannot be read never stops the document: it comes back with
empty text, ``method="failed"`` and the reason in ``problem``; callers keep
the page (so numbering stays physical) and can show the problem. A document
that cannot be opened at all raises ``PdfRejected`` (run ``pdf_inspect``
first so that this does not happen). ``text_layer_missing(pages)`` says
whether the document needs OCR ("Scanned - no text").

pdfium calls hold ``checks.PDFIUM_LOCK`` one page at a time (never across a
``yield``), so several threads may extract at once.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from collation.pdf.checks import PDFIUM_LOCK, corrupt_pdf_error, pdfium_open

#: ``ExtractedPage.method`` values.
METHOD_PDFIUM = "pdfium"
METHOD_PDFPLUMBER_BIDI = "pdfplumber+bidi"
METHOD_FAILED = "failed"


@dataclass(frozen=True)
class ExtractedPage:
    number: int
    text: str
    #: which extractor produced ``text`` (``pdfium``, ``pdfplumber+bidi`` or ``failed``)
    method: str = METHOD_PDFIUM
    #: why the text is empty or may be incomplete; ``None`` when all went well
    problem: str | None = None


# pdfium marks a hyphen at the end of a line with U+FFFE (and joins the two
# halves); the sample truth keeps the hyphen ("sub-group"). pdfminer writes
# "(cid:127)" for the bullet glyph that pdfium maps to "•". NUL cannot be
# stored in PostgreSQL text.
_REPLACEMENTS = {"\ufffe": "-", "\x00": ""}
_CID_BULLET = "(cid:127)"


def normalise_text(text: str) -> str:
    """One form for all extractors: NFC, ``\\n`` line breaks, no trailing spaces.

    Also turns pdfium's end-of-line hyphen marker (U+FFFE) back into "-",
    pdfminer's ``(cid:127)`` bullet into "•", and drops NUL characters.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_CID_BULLET, "•")
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def text_layer_missing(pages: Iterable[ExtractedPage], *, min_chars: int = 16) -> bool:
    """True when no page holds real text, so the document needs OCR.

    A page counts as having text when it has at least ``min_chars`` characters
    that are not white space; a stamped page number on a scanned page does
    not. An empty iterable counts as missing.
    """
    return not any(_visible_chars(page.text) >= min_chars for page in pages)


def pages_without_text(pages: Iterable[ExtractedPage], *, min_chars: int = 16) -> list[int]:
    """Numbers of the pages with (almost) no text, e.g. a scanned appendix."""
    return [page.number for page in pages if _visible_chars(page.text) < min_chars]


def _visible_chars(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \t\n\u00a0")


def extract_pages(path: str | Path) -> Iterator[ExtractedPage]:
    """Yield each page's text, closing every page as soon as it is read."""
    document, page_count = _open(path)
    rtl_reader: _PlumberReader | None = None
    try:
        for index in range(page_count):
            number = index + 1
            try:
                text = _pdfium_page_text(document, index)
            except Exception as exc:
                yield ExtractedPage(
                    number=number,
                    text="",
                    method=METHOD_FAILED,
                    problem=f"Page {number} could not be read ({type(exc).__name__}: {exc}).",
                )
                continue
            if not _RTL.search(text):
                yield ExtractedPage(number=number, text=normalise_text(text))
                continue
            if rtl_reader is None:
                rtl_reader = _PlumberReader(path)
            rtl_text, problem = rtl_reader.page_text(index)
            if rtl_text is None:
                yield ExtractedPage(number, normalise_text(text), METHOD_PDFIUM, problem)
            else:
                yield ExtractedPage(number, normalise_text(rtl_text), METHOD_PDFPLUMBER_BIDI)
    finally:
        if rtl_reader is not None:
            rtl_reader.close()
        with PDFIUM_LOCK:
            document.close()


def _open(path: str | Path) -> tuple[pdfium.PdfDocument, int]:
    with PDFIUM_LOCK:
        document = pdfium_open(path)
        try:
            return document, len(document)
        except Exception as exc:
            document.close()
            raise corrupt_pdf_error(detail=f"{type(exc).__name__}: {exc}") from exc


def _pdfium_page_text(document: pdfium.PdfDocument, index: int) -> str:
    with PDFIUM_LOCK:
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                return textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()


# ---------------------------------------------------------------------------
# Right-to-left pages

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their
# presentation forms; plus the supplementary right-to-left blocks.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_STRONG_RTL = {"R", "AL"}

# Signs that a run of right-to-left text is already in logical order: the
# Arabic article "ال" starts words, teh marbuta and alef maksura end them, and
# Hebrew final letters end them. In visual order each of these sits at the
# other end of its word.
_LOGICAL_ORDER_HINT = re.compile(r"(?<!\w)ال|[ةى](?!\w)|[ךםןףץ](?!\w)")


class _PlumberReader:
    """pdfplumber opened lazily, for the few pages that need it."""

    def __init__(self, path: str | Path) -> None:
        self._path = path
        self._pdf = None
        self._failed: str | None = None

    def page_text(self, index: int) -> tuple[str | None, str | None]:
        """(text, None), or (None, problem) when pdfplumber cannot read the page."""
        if self._failed:
            return None, self._failed
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(self._path)
            page = self._pdf.pages[index]
        except Exception as exc:
            self._failed = (
                "Right-to-left text could not be put into reading order "
                f"({type(exc).__name__}: {exc})."
            )
            return None, self._failed
        try:
            return _rtl_page_text(page.chars), None
        except Exception as exc:
            return None, (
                "Right-to-left text on this page could not be put into reading order "
                f"({type(exc).__name__}: {exc})."
            )
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            with contextlib.suppress(Exception):  # closing must not hide the real outcome
                self._pdf.close()
            self._pdf = None


def _rtl_page_text(chars: list[dict]) -> str:
    """A page's text with every right-to-left run in logical order.

    ``chars`` are pdfplumber's glyphs. The page is laid out twice: once as
    drawn, once with the text of each multi-character right-to-left glyph
    (a ligature such as lam-alef, whose ToUnicode text is already logical)
    reversed, so that reversing the whole run restores it.
    """
    from pdfplumber.utils.text import extract_text

    flipped = [
        {**char, "text": char["text"][::-1]}
        if len(char["text"]) > 1 and _RTL.search(char["text"])
        else char
        for char in chars
    ]
    as_drawn = extract_text(chars).split("\n")
    for_bidi = extract_text(flipped).split("\n")
    if len(as_drawn) != len(for_bidi):  # cannot happen: same glyph positions
        for_bidi = as_drawn
    rtl, ltr = _strong_counts("".join(char["text"] for char in chars))
    page_base = "R" if rtl > ltr else "L"
    return "\n".join(
        _rtl_line(a, b, page_base=page_base) for a, b in zip(as_drawn, for_bidi, strict=True)
    )


def _strong_counts(text: str) -> tuple[int, int]:
    """(right-to-left, left-to-right) strong characters in ``text``."""
    classes = [unicodedata.bidirectional(c) for c in text]
    return sum(c in _STRONG_RTL for c in classes), classes.count("L")


def _rtl_line(as_drawn: str, for_bidi: str, *, page_base: str = "L") -> str:
    """One line in logical order.

    Word processors draw right-to-left text in visual order, which python-bidi
    turns back into logical order. The paragraph direction is right-to-left
    for a line with no left-to-right letters, otherwise the page's main
    direction. Some producers draw right-to-left text left to right in
    logical order; that is kept when it reads as logical text (see
    ``_LOGICAL_ORDER_HINT``) and the reordered line does not.

    Known limit: visual order cannot say whether a number next to a
    right-to-left word belongs before or after it ("Child R: 2013 <Arabic>");
    python-bidi's reading is kept.
    """
    if not _RTL.search(as_drawn):
        return as_drawn
    from bidi import get_display

    _, ltr = _strong_counts(for_bidi)
    reordered = get_display(for_bidi, base_dir="R" if ltr == 0 else page_base)
    if len(_LOGICAL_ORDER_HINT.findall(as_drawn)) > len(_LOGICAL_ORDER_HINT.findall(reordered)):
        return as_drawn
    return reordered
