"""A report's pages cut into paragraph-sized passages, each with the section it sits in.

Extracted text has a hard line break at the end of every printed line and no
blank line between paragraphs, so paragraphs are found from the shape of the
lines: a paragraph ends on a line that stops short of the full width with a
full stop (or similar); a bullet or a numbered paragraph ("5.3 ") starts a new
one; a short block that does not end a sentence is a heading. Running headers,
footers and page numbers are dropped first (``strip_furniture``, shared with
the recommendations finder).

A passage never crosses a page: its text (lines joined by spaces) occurs on
its page, as a coding's excerpt must. Very long paragraphs are cut at sentence
ends and runs of short ones (bullets) are joined, so that passages are about
the size of the paragraphs analysts code.

Each passage carries the kind of section it is in, judged from the headings
above it, because reports state their practice issues in the analysis and
findings, and the same words in a contents page, a glossary or the terms of
reference are not findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from collation.analysis.recommendations import strip_furniture

#: Section kinds, from the headings above a passage.
FINDINGS = "findings"  # analysis, findings, learning, lessons, conclusions
NARRATIVE = "narrative"  # background, key episodes, anything not named below
RECOMMENDATIONS = "recommendations"
EXCLUDED = "excluded"  # contents, glossary, references, terms of reference, help lines

_MIN_WORDS = 30  # shorter runs are joined to the next block on the page
_MAX_WORDS = 180  # longer paragraphs are cut at sentence ends
_HEADING_MAX_WORDS = 22
# Words a heading does not end on (a line broken mid-sentence does).
_FUNCTION_WORDS = {"a", "an", "and", "the", "of", "to", "for", "with", "or", "by", "that"}

_SECTION_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (
            r"\b(?:contents|glossary|abbreviations|references|bibliography|terms of reference"
            r"|where to (?:get|find) help|useful contacts|acknowledgements?|membership"
            r"|review panel|list of (?:tables|figures))\b",
            EXCLUDED,
        ),
        (r"\brecommendations?\b|\baction plan\b", RECOMMENDATIONS),
        (
            r"\b(?:findings?|analysis|learning|lessons?|conclusions?|key (?:issues|themes)"
            r"|practice issues?|appraisal|what (?:went wrong|needs to change))\b",
            FINDINGS,
        ),
        (
            r"\b(?:introduction|background|chronology|summary of|key (?:practice )?episodes?"
            r"|case summary|the family|family (?:history|involvement)|methodology"
            r"|the review process|process of the review|foreword|executive summary)\b",
            NARRATIVE,
        ),
    )
)

_TERMINAL = re.compile(r"[.!?:;][’”'\")\]]*$")
_BULLET = re.compile(r"^(?:[•▪◦●○■□➢►\-–*]\s|o\s+[A-Z]|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s)")
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,3})+\s+\S")
_DATE_ROW = re.compile(r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})\b")
_TOC_LINE = re.compile(r"(?:\.\s*){4,}\s*\d+$|\.{4,}")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][’”'\")\]]))\s+(?=[A-Z‘“'\"(])")


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized run of one page's text."""

    page: int
    text: str  # lines joined by single spaces: it occurs on the page, spaces squashed
    section: str  # FINDINGS, NARRATIVE, RECOMMENDATIONS or EXCLUDED
    heading: str  # the nearest heading above, "" if none


def section_kind(heading: str, current: str) -> str:
    """The kind of section a heading opens; ``current`` when the heading names none."""
    for pattern, kind in _SECTION_PATTERNS:
        if pattern.search(heading):
            return kind
    return current


def _words(lines: Sequence[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _is_heading(block: list[str]) -> bool:
    """A short block that does not end a sentence and starts like a title."""
    last = block[-1]
    first = block[0]
    return (
        _words(block) <= _HEADING_MAX_WORDS
        and not _TERMINAL.search(last)
        and last.split()[-1].lower() not in _FUNCTION_WORDS
        and (first[:1].isupper() or first[:1].isdigit())
        and not _BULLET.match(first)
        and not _DATE_ROW.match(first)
    )


def _blocks(lines: list[str]) -> list[list[str]]:
    """One page's lines grouped into paragraphs, bullets and headings."""
    widths = sorted(len(line) for line in lines)
    width = widths[round(0.9 * (len(widths) - 1))] if widths else 0
    blocks: list[list[str]] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if current and (_BULLET.match(line) or _NUMBERED.match(line) or _DATE_ROW.match(line)):
            blocks.append(current)
            current = []
        current.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        short = len(line) < 0.8 * width
        # A short line that ends a sentence ends its paragraph; one that does not,
        # followed by a capital, ends a heading (which may have wrapped).
        ends_heading = short and _is_heading(current) and following[:1].isupper()
        heading_next = bool(following) and len(following) < 0.8 * width and _is_heading([following])
        if (_TERMINAL.search(line) and (short or heading_next)) or ends_heading:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _cut(text: str) -> list[str]:
    """A long paragraph cut at sentence ends into pieces of at most ``_MAX_WORDS`` words."""
    pieces: list[str] = []
    piece: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if piece and len(" ".join([*piece, sentence]).split()) > _MAX_WORDS:
            pieces.append(" ".join(piece))
            piece = []
        piece.append(sentence)
    if piece:
        pieces.append(" ".join(piece))
    return pieces


def passages_split(pages: Sequence[tuple[int, str]]) -> list[Passage]:
    """Paragraph-sized passages of ``(page number, text)`` pages, in reading order."""
    page_lines = [
        (number, [" ".join(line.split()) for line in text.split("\n") if line.strip()])
        for number, text in pages
    ]
    flat = strip_furniture(page_lines)
    by_page: dict[int, list[str]] = {}
    for number, line in flat:
        by_page.setdefault(number, []).append(line)

    passages: list[Passage] = []
    kind, heading = NARRATIVE, ""
    for number, _ in page_lines:
        lines = by_page.get(number, [])
        if sum(bool(_TOC_LINE.search(line)) for line in lines) >= 3:
            continue  # a contents page
        pending: list[str] = []
        for block in _blocks(lines):
            if _is_heading(block):
                if pending:
                    passages.extend(_emit(number, pending, kind, heading))
                    pending = []
                heading = " ".join(block)
                kind = section_kind(heading, kind)
                continue
            pending.extend(block)
            if _words(pending) >= _MIN_WORDS:
                passages.extend(_emit(number, pending, kind, heading))
                pending = []
        if pending:
            passages.extend(_emit(number, pending, kind, heading))
    return passages


def _emit(page: int, lines: list[str], kind: str, heading: str) -> list[Passage]:
    text = " ".join(lines)
    if sum(bool(_DATE_ROW.match(line)) for line in lines) * 2 > len(lines):
        kind = NARRATIVE  # chronology rows: events, not the review's analysis
    return [Passage(page, piece, kind, heading) for piece in _cut(text)]
