"""The document as the detector reads it, and the text helpers every kind shares.

Personal data does not stop at a page break: page 10 may end "... was born
on" and page 11 start "28.02.2001". So the detector reads one text, the
*reading*: the body of every page (its running headers, footers and page
numbers left out, see ``collation.analysis.running_lines``), in page order,
each block of lines joined to the next by one line break, as lines within a
page are. A blank line (between columns or table cells, as some extractors
give them) is read as a line break too. A finding in the reading is then
mapped back to the page or pages where its text stands.

Running lines are read apart, each different one once, as a text of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..running_lines import RunningLines


@dataclass(frozen=True)
class Part:
    """Where a span of the reading stands on one page."""

    page_index: int  # position of the page in the document
    start: int  # offsets in that page's text
    end: int


class Reading:
    """The page bodies joined into one text, and the way back to the pages."""

    def __init__(self, texts: Sequence[str], running: RunningLines) -> None:
        pieces: list[str] = []
        self._starts: list[int] = []  # where each block starts in the reading
        self._blocks: list[tuple[int, int, int]] = []  # (page index, start and end in its text)
        at = 0
        for index, (text, page) in enumerate(zip(texts, running.pages, strict=True)):
            for start, end in page.body_blocks:
                pieces.append(text[start:end])
                self._starts.append(at)
                self._blocks.append((index, start, end))
                at += end - start + 1  # and the line break after it
        self.text = "\n".join(pieces)

    def parts(self, start: int, end: int) -> list[Part]:
        """The page spans of the reading's ``start:end``: one for each page it touches."""
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_right(self._starts, end - 1) - 1
        parts: list[Part] = []
        for block in range(first, last + 1):
            page_index, page_start, page_end = self._blocks[block]
            shift = page_start - self._starts[block]  # from the reading to the page's text
            lo, hi = max(start + shift, page_start), min(end + shift, page_end)
            if hi <= lo:
                continue  # only the line break between two blocks
            if parts and parts[-1].page_index == page_index:
                parts[-1] = Part(page_index, parts[-1].start, hi)  # two blocks of one page
            else:
                parts.append(Part(page_index, lo, hi))
        return parts


# ---------------------------------------------------------------------------
# Text helpers

CONTEXT_CHARS = 60


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def context(text: str, start: int, end: int) -> str:
    """About ``CONTEXT_CHARS`` characters either side of a finding, whitespace squashed."""
    return squash(text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS])


def matches(
    pattern: re.Pattern[str],
    starts: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found faster.

    A pattern that opens with a lookbehind or an optional group makes the regex
    engine try a match at every character of the text. ``starts``, one
    character wide and opening with a character class (which the engine skips
    along quickly), finds every place where a match of ``pattern`` can start,
    and maybe more; ``pattern`` is tried only there, in order and never inside a
    match already found, just as ``finditer`` does. (``pattern.match`` at a
    position still sees the text before it for lookbehinds and ``\\b``.) For
    patterns that never match the empty string. ``pos`` and ``endpos`` limit the
    part of ``text`` read for starts (a match may run past ``endpos``, and a
    start right before it may be missed: callers leave a margin).
    """
    end = 0
    for start in starts.finditer(text, pos, len(text) if endpos is None else endpos):
        if start.start() >= end:
            match = pattern.match(text, start.start())
            if match:
                end = match.end()
                yield match


SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\d(‘'\"“])|[.!?]$|\n\s*\n")


def sentence_before(text: str, start: int, limit: int = 160) -> str:
    """The text from the start of the sentence (at most ``limit`` chars) to ``start``."""
    window = text[max(0, start - limit) : start]
    ends = [match.end() for match in SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


class Disjoint:
    """Spans that do not overlap: one is added only if it overlaps none already in."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []  # sorted too: the spans do not overlap

    def add(self, start: int, end: int) -> bool:
        """Add ``start:end`` unless it overlaps a span already in; say whether it was added."""
        at = bisect.bisect_right(self._starts, start)
        if at > 0 and self._ends[at - 1] > start:
            return False
        if at < len(self._starts) and self._starts[at] < end:
            return False
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        return True


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
