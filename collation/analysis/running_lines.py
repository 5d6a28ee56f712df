"""Running headers and footers: the lines a document repeats at the edges of its pages.

A pure function over page texts (one string a page, in order). A report's
running title ("Serious Case Review: Jayden"), its board's name, its page
numbers ("Page 3 of 40", "- 3 -") and a table's header row repeated on each
page the table runs over are not body text: read as body text they join the
first and last lines of every page ("Jayden" + "Kirkby Primary School made a
referral" reads as a name) and fill search snippets.

Only lines among the first or last ``EDGE_LINES`` non-blank lines of a page
can be running lines. Such a line is one if

1. the same line (white space aside) stands at an edge of at least a quarter
   of the pages that have text, and of at least three (two in a document of
   four pages or fewer): a running title, a board's name, "OFFICIAL";
2. or only its numbers differ from page to page and one of them keeps step
   with the page's position (the same distance from it, give or take two, so
   that an unnumbered blank page does not break the run) on as many pages:
   "Page 3 of 40", "- 3 -", "iv", "SCR Child D | 3". A line with words other
   than "page" counts only if those words stand at an edge of 40% of the
   pages, so "Recommendation 8", "Recommendation 9" heading a run of pages is
   not taken for a page number;
3. or it is the first line of the page's body (below any running lines), of
   two words or more and not a sentence, and the first of the page before as
   well: a table's header row ("Date Agency Event") or a chapter's title
   repeated on each page it runs over. The first page of the run keeps it:
   there it is the table's own header.

Repetition, not a list of known wordings, because every board words its
headers differently.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

EDGE_LINES = 4  # non-blank lines at each end of a page that may be running lines
_SHARE = 0.25  # of the pages with text: a running line's least share (rule 1)
_WORDED_SHARE = 0.4  # the least share of a numbered line's words (rule 2)
_DRIFT = 2  # how far a page number may drift from its usual distance to the page

_NUMBER = re.compile(r"\d+")
# A line that is a page number and nothing else: "3", "- 3 -", "Page 3",
# "Page 3 of 40", "3/40", "| 3", "iv".
_ROMAN_NUMBER = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"(?:page|pg\.?|p\.)?\s*[-–—|]?\s*(?P<n>\d{{1,4}}|{_ROMAN_NUMBER})\s*[-–—|]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_PAGE_NUMBER_LENGTH = 30  # no line longer can be a page number alone
_PAGE_WORD = re.compile(r"\bp(?:age|g)?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;,:]$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class RunningLine:
    text: str  # as it stands on the page
    start: int  # offsets in the page's text
    end: int


@dataclass(frozen=True)
class PageLines:
    body: str  # the page's text without its running lines (or blank lines around them)
    # (start, end) in the page's text of each block of body lines: lines next to
    # each other, without blank or running lines between.
    body_blocks: tuple[tuple[int, int], ...]
    running: tuple[RunningLine, ...]


@dataclass(frozen=True)
class RunningLines:
    pages: tuple[PageLines, ...]  # one per text given, in order

    def bodies(self) -> list[str]:
        """Each page's text without its running lines."""
        return [page.body for page in self.pages]


def running_lines_find(texts: Sequence[str]) -> RunningLines:
    """The running headers, footers and page numbers of a document whose pages are ``texts``."""
    edges = [_edge_lines(text) for text in texts]
    counts = _Counts.of(edges)

    pages = []
    previous_first = ""  # the first body line of the page before, if among its first lines
    for position, (text, edge) in enumerate(zip(texts, edges, strict=True), 1):
        running = [
            (start, end) for start, end, line, _top in edge if counts.running(line, position)
        ]
        first = next(
            ((s, e, line) for s, e, line, top in edge if top and (s, e) not in running), None
        )
        first_line = first[2] if first else ""
        if first and first_line == previous_first and _header_like(first_line):
            running.append(first[:2])  # rule 3
        previous_first = first_line
        pages.append(_page_lines(text, sorted(running)))
    return RunningLines(tuple(pages))


def is_page_number(line: str) -> bool:
    """True if ``line`` is a page number and nothing else ("- 3 -", "Page 3 of 40")."""
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


def _header_like(line: str) -> bool:
    """A table's header row or a title: two words or more, not a sentence."""
    return (
        len(line.split()) >= 2
        and not _SENTENCE_END.search(line)
        and not _PAGE_NUMBER.fullmatch(line)
    )


def _edge_lines(text: str) -> list[tuple[int, int, str, bool]]:
    """The first and last ``EDGE_LINES`` non-blank lines of a page: (start, end,
    the line with white space squashed, whether among the first)."""
    found: dict[int, tuple[int, int, str, bool]] = {}
    count, start, length = 0, 0, len(text)
    while count < EDGE_LINES and start < length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        line = " ".join(text[start:end].split())
        if line:
            count += 1
            found[start] = (start, end, line, True)
        start = end + 1
    count, end = 0, length
    while count < EDGE_LINES and end > 0:
        start = text.rfind("\n", 0, end) + 1
        if start not in found:
            line = " ".join(text[start:end].split())
            if line:
                count += 1
                found[start] = (start, end, line, False)
        else:
            count += 1
        end = start - 1
    return [found[start] for start in sorted(found)]


def _numbers(line: str) -> tuple[int, ...]:
    """The numbers in a line; a page number in roman figures ("iv") too."""
    page_number = _PAGE_NUMBER.fullmatch(line)
    if page_number and not page_number.group("n").isdigit():
        return (_roman(page_number.group("n").lower()),)
    return tuple(int(number) for number in _NUMBER.findall(line)[:4])


def _template(line: str) -> str:
    """The line with its numbers as "#"; every bare page number has the same one."""
    if len(line) <= _PAGE_NUMBER_LENGTH and _PAGE_NUMBER.fullmatch(line):
        return "#"
    return _NUMBER.sub("#", line)


def _roman(figures: str) -> int:
    total = 0
    for figure, following in zip(figures, [*figures[1:], ""], strict=True):
        value = _ROMAN[figure]
        total += -value if following and _ROMAN[following] > value else value
    return total


@dataclass
class _Counts:
    """How often each edge line, and each numbered line's template, stands on a page."""

    with_text: int = 0  # pages with text
    threshold: int = 2  # the pages a running line must stand on (rules 1 and 2)
    exact: Counter[str] = field(default_factory=Counter)  # pages with the line at an edge
    # Each different edge line with a number in it whose template stands on
    # enough pages: its numbers and template.
    numbered_lines: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    worded: Counter[str] = field(default_factory=Counter)  # pages with a template at an edge
    # (template, which number in it): how often each distance to the page's position
    steps: dict[tuple[str, int], Counter[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, edges: list[list[tuple[int, int, str, bool]]]) -> _Counts:
        counts = cls()
        pages_lines = []
        for edge in edges:
            seen = {line for _start, _end, line, _top in edge}
            counts.with_text += bool(seen)
            counts.exact.update(seen)
            pages_lines.append(seen)
        templates = {
            line: _template(line)
            for line in counts.exact
            if _NUMBER.search(line)
            or (len(line) <= _PAGE_NUMBER_LENGTH and _PAGE_NUMBER.fullmatch(line))
        }
        for seen in pages_lines:
            counts.worded.update({templates[line] for line in seen & templates.keys()})
        counts.threshold = max(
            2 if counts.with_text <= 4 else 3, math.ceil(counts.with_text * _SHARE)
        )
        # Only a template on enough pages can keep step with them.
        for line, template in templates.items():
            if counts.worded[template] >= counts.threshold:
                counts.numbered_lines[line] = (_numbers(line), template)
        steps: Counter[tuple[str, int, int]] = Counter()
        for position, seen in enumerate(pages_lines, 1):
            steps.update(
                {
                    (template, k, number - position)
                    for line in seen & counts.numbered_lines.keys()
                    for template in [counts.numbered_lines[line][1]]
                    for k, number in enumerate(counts.numbered_lines[line][0])
                }
            )
        for (template, k, distance), pages in steps.items():
            counts.steps.setdefault((template, k), Counter())[distance] = pages
        return counts

    def running(self, line: str, position: int) -> bool:
        """Rules 1 and 2: the line stands on enough pages, or keeps step with them."""
        if self.exact[line] >= self.threshold:
            return True
        if line not in self.numbered_lines:
            return False
        numbers, template = self.numbered_lines[line]
        if template != "#" and not _PAGE_WORD.search(template):
            least = max(self.threshold, math.ceil(self.with_text * _WORDED_SHARE))
            if self.worded[template] < least:
                return False
        for k, number in enumerate(numbers):
            distances = self.steps.get((template, k))
            if distances is None:
                continue
            distance = number - position
            support = sum(distances[d] for d in range(distance - _DRIFT, distance + _DRIFT + 1))
            if support >= self.threshold:
                return True
        return False


# One blank line or more between two lines (it opens with a plain "\n", which
# the regex engine skips to quickly, and never reads a line twice).
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of non-blank lines in ``text[start:end]``, each from the start
    of its first line to the end of its last."""
    blocks = []
    for gap in [*_BLANK_LINES.finditer(text, start, end), None]:
        stop = gap.start() if gap else end
        piece = text[start:stop]
        if not piece.isspace() and piece:
            first = start + len(piece) - len(piece.lstrip())
            last = start + len(piece.rstrip())
            blocks.append(
                (text.rfind("\n", start, first) + 1 or start, _line_end(text, last, stop))
            )
        start = gap.end() if gap else end
    return blocks


def _line_end(text: str, at: int, stop: int) -> int:
    end = text.find("\n", at, stop)
    return stop if end < 0 else end


def _page_lines(text: str, running: list[tuple[int, int]]) -> PageLines:
    """The page's body (between and around its running lines) and its blocks."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for cut_start, cut_end in [*running, (len(text), len(text))]:
        blocks.extend(_blocks(text, start, cut_start))
        start = cut_end
    lines = tuple(RunningLine(text[s:e], s, e) for s, e in running)
    if not blocks:
        return PageLines("", (), lines)
    if not running:
        return PageLines(text[blocks[0][0] : blocks[-1][1]], tuple(blocks), lines)
    # The body runs from its first block to its last, without the running lines
    # between (and blank lines between body lines stay).
    first, last = blocks[0][0], blocks[-1][1]
    pieces, cut = [], first
    for cut_start, cut_end in running:
        if first < cut_start < last:
            pieces.append(text[cut:cut_start])
            cut = cut_end + 1
    pieces.append(text[cut:last])
    return PageLines("".join(pieces), tuple(blocks), lines)
