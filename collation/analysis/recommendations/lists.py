"""The recommendations section: its heading, and the numbered list after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import (
    CONTINUES,
    END_HEADING,
    FUNCTION_WORDS,
    HEADING_NUMBER,
    MARKERS,
    REC_HEADING,
    RECOMMENDING,
    TABLE_HEADER_WORDS,
    TERMINAL,
    TOC_LEADER,
)


def is_rec_heading(line: str) -> bool:
    line = line.removesuffix(":")
    if len(line) > 70 or TOC_LEADER.search(line) or CONTINUES.search(line):
        return False
    return bool(REC_HEADING.match(HEADING_NUMBER.sub("", line, count=1)))


def _table_header_span(lines: list[tuple[int, str]], i: int) -> int:
    """How many lines from ``i`` form a table's column-header row, or 0.

    Tables repeat their header row ("No. Recommendation") on every page; some
    extractors put each header cell on a line of its own.
    """
    words: list[str] = []
    size = 0
    while size < 4 and i + size < len(lines):
        cell = lines[i + size][1].lower().replace("|", " | ").split()
        if not all(w in TABLE_HEADER_WORDS for w in cell):
            break
        words += cell
        size += 1
    if len(words) >= 2 and any(w.startswith("recommendation") for w in words):
        return size
    return 0


def _heading_shaped(line: str) -> bool:
    """Short, starts with a capital or a number, and doesn't end mid-sentence."""
    return (
        len(line) <= 80
        and (line[0].isupper() or line[0].isdigit())
        and not CONTINUES.search(line)
        and line.split()[-1].lower() not in FUNCTION_WORDS
    )


def _is_end_heading(line: str) -> bool:
    """An appendix, glossary, terms of reference...: never part of the list.

    The shape test keeps a table row like "5 Action plans should ..." in.
    """
    return _heading_shaped(line) and bool(END_HEADING.match(line))


def typical_width(lines: list[tuple[int, str]]) -> int:
    """The length of a full line of body text (90th percentile), in characters."""
    lengths = sorted(len(line) for _, line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _heading_not_prose(line: str, width: int) -> bool:
    """A heading, not the first line of a wrapped sentence.

    Without layout, length is the tell: a sentence's first line runs to the
    full width, a heading stops well short of it. A heading also asks nothing
    of anyone, so a line with "should" or "must" in it is prose.
    """
    return _heading_shaped(line) and len(line) <= 0.7 * width and not RECOMMENDING.search(line)


def _looks_like_heading(lines: list[tuple[int, str]], i: int, width: int) -> bool:
    """A heading that opens a paragraph and isn't continued on the next line."""
    if not _heading_not_prose(lines[i][1], width):
        return False
    if i > 0 and not TERMINAL.search(lines[i - 1][1]):
        return False
    return not _peek(lines, i + 1)[:1].islower()


def _peek(lines: list[tuple[int, str]], i: int) -> str:
    return lines[i][1] if i < len(lines) else ""


def _next_is_marker(lines: list[tuple[int, str]], i: int, style: str, expected: int) -> bool:
    """Whether one of the next two lines starts the expected (or a restarted) item."""
    for j in (i + 1, i + 2):
        found = _marker(_peek(lines, j), style)
        if found and found[0] in (expected, 1):
            return True
    return False


def _marker(line: str, style: str) -> tuple[int, str] | None:
    match = MARKERS[style].match(line)
    if not match:
        return None
    return int(match.group("n")), (match.group("rest") or "").strip()


@dataclass
class _Item:
    number: int
    page: int
    lines: list[str]


@dataclass
class Parsed:
    items: list[_Item]
    page_end: int


def _first_marker(lines: list[tuple[int, str]], start: int) -> tuple[int, str, int, str] | None:
    """The first item numbered 1 after the heading: (index, style, number, rest)."""
    for i in range(start, len(lines)):
        line = lines[i][1]
        if _is_end_heading(line) or is_rec_heading(line):
            return None
        for style in MARKERS:
            found = _marker(line, style)
            if found and found[0] == 1:
                return i, style, found[0], found[1]
    return None


def _group_heading_size(item_lines: list[str]) -> int:
    """How many of an item's last lines are the next group's heading (0-2).

    Lists grouped by agency put a heading ("Police", "Community health (health
    visitors, school nurses)") above each group's first item. It follows a
    line that ended a sentence and has no closing punctuation of its own.
    """
    for size in (1, 2):
        first = len(item_lines) - size
        if first < 1:
            break
        block = item_lines[first:]
        if any(CONTINUES.search(t) or END_HEADING.match(t) for t in block):
            break
        if sum(len(t) for t in block) > 100 or not block[0][0].isupper():
            continue
        if TERMINAL.search(item_lines[first - 1]):
            return size
    return 0


def _trailing_cut(item_lines: list[str], width: int) -> int:
    """Where the last item's own text ends, leaving out a closing remark.

    After the last recommendation a report often says something about the
    recommendations as a whole ("The Board's response to these recommendations
    is published alongside this report"), or gives a sub-heading or signature.
    Such a sentence starts on a fresh line after one that ended a sentence.
    """
    for i in range(1, len(item_lines)):
        line = item_lines[i]
        if not TERMINAL.search(item_lines[i - 1]) or not line[:1].isupper():
            continue
        sentence = re.split(r"(?<=[.!?])\s", " ".join(item_lines[i:]), maxsplit=1)[0]
        if re.search(r"\brecommendations\b", sentence, re.IGNORECASE):
            return i
        rest = item_lines[i:]
        if not any(TERMINAL.search(t) for t in rest):  # a signature, a sign-off
            return i
        following = item_lines[i + 1] if i + 1 < len(item_lines) else ""
        if _heading_not_prose(line, width) and following[:1].isupper():
            return i  # a heading, then prose
    return len(item_lines)


def parse_list(lines: list[tuple[int, str]], heading: int, width: int) -> Parsed | None:
    """Collect the numbered list that follows the heading at ``heading``."""
    first = _first_marker(lines, heading + 1)
    if first is None:
        return None
    index, style, number, rest = first
    items = [_Item(number, lines[index][0], [rest] if rest else [])]
    expected = number + 1
    restarted = False
    last_page = lines[index][0]
    i = index + 1
    while i < len(lines):
        page, line = lines[i]
        header = _table_header_span(lines, i)
        if not header and is_rec_heading(line) and page != lines[i - 1][0]:
            # A one-word table header ("Recommendations") repeated on a new page.
            header = int(_next_is_marker(lines, i - 1, style, expected))
        if header:
            i += header
            continue
        if _is_end_heading(line) or is_rec_heading(line):
            break
        found = _marker(line, style)
        current = items[-1]
        if found and found[0] in (expected, 1):
            n, rest = found
            # Agency group headings sit just above the next item ("Police").
            drop = _group_heading_size(current.lines)
            if n != expected:
                # Numbering restarts: numbered per agency group, or the next
                # numbered list (terms of reference). Only a group heading then
                # a recommendation-like item counts as the former.
                if not drop or not RECOMMENDING.search(rest or _peek(lines, i + 1)):
                    break
                restarted = True
            if drop:
                del current.lines[-drop:]
            number = n if not restarted else len(items) + 1
            items.append(_Item(number, page, [rest] if rest else []))
            expected = n + 1
        else:
            if _looks_like_heading(lines, i, width) and not _next_is_marker(
                lines, i, style, expected
            ):
                break  # a heading followed by prose: the section is over
            current.lines.append(line)
        last_page = page
        i += 1
    last = items[-1]
    last.lines = last.lines[: _trailing_cut(last.lines, width)]
    return Parsed(items=items, page_end=last_page)


def join_lines(lines: list[str]) -> str:
    """Lines to one string; a word broken at a line-end hyphen stays hyphenated."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())
