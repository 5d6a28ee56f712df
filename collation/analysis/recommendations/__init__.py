"""Find a report's recommendations section and split it into recommendations.

Pure text processing over the page texts that ``collation.pdf.extract``
produces: no database, no Django. The method, in order:

1. Drop page furniture (running headers and footers, page numbers), judged
   across the whole document, so that a recommendation running over a page
   break joins up cleanly.
2. Find the "Recommendations" heading, skipping the contents page.
3. After it, collect a numbered list (``1.``, ``1``, ``Recommendation 1:`` or
   ``Recommendation 1`` on a line of its own), numbered in sequence. The list
   stops at the next heading that is not an agency group heading (an appendix,
   a glossary, the terms of reference, which are *also* a numbered list).
4. Tidy each item: drop group headings ("Police") and repeated table header
   rows ("No. Recommendation"), and cut the closing remark after the last one
   ("An action plan responding to these recommendations ...").

When several headings qualify (an executive summary and the full section) the
one that yields the longest plausible list wins.

Step 1 and the patterns lines are judged by are in ``lines.py``, steps 2–4 in
``lists.py``, the addressee and its agency category in ``agencies.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .agencies import agency_as_written_in, agency_category_for
from .lines import RECOMMENDING, clean_line, strip_furniture
from .lists import Parsed, is_rec_heading, join_lines, parse_list, typical_width

__all__ = [
    "FoundRecommendation",
    "RecommendationsResult",
    "agency_as_written_in",
    "agency_category_for",
    "recommendations_find",
]


class _PageLike(Protocol):
    number: int
    text: str


@dataclass(frozen=True)
class FoundRecommendation:
    """One recommendation as found in the report."""

    number: int  # 1-based, as numbered in the report (or order found if it restarts)
    text: str  # full text, joined across line and page breaks, whitespace collapsed
    page: int  # physical page (1-based) where it starts
    agency_as_written: str  # the addressee as written, "" if not stated


@dataclass(frozen=True)
class RecommendationsResult:
    """The recommendations section, if any, and the recommendations in it."""

    section_found: bool
    page_start: int | None
    page_end: int | None
    recommendations: list[FoundRecommendation]


def recommendations_find(
    pages: Sequence[tuple[int, str]] | Sequence[_PageLike],
) -> RecommendationsResult:
    """Find the recommendations section in a report's pages and split it up.

    ``pages`` is what ``extract_pages`` yields (``ExtractedPage``) or plain
    ``(number, text)`` pairs. Returns ``section_found=False`` and no
    recommendations when the report has no recommendations heading.
    """
    page_lines: list[tuple[int, list[str]]] = []
    for page in pages:
        number, text = (page.number, page.text) if hasattr(page, "text") else page  # type: ignore[misc]
        cleaned = [clean_line(line) for line in text.split("\n")]
        page_lines.append((number, [line for line in cleaned if line]))
    lines = strip_furniture(page_lines)

    headings = [i for i, (_, line) in enumerate(lines) if is_rec_heading(line)]
    if not headings:
        return RecommendationsResult(False, None, None, [])

    # With no list anywhere, report the last heading: a contents-page entry
    # comes before the section it lists.
    best: tuple[int, Parsed | None] = (headings[-1], None)
    width = typical_width(lines)
    for heading in headings:
        parsed = parse_list(lines, heading, width)
        if parsed is None:
            continue
        texts = [join_lines(item.lines) for item in parsed.items]
        # Another numbered list after a recommendations heading (a contents
        # page) is not a list of recommendations.
        if sum(bool(RECOMMENDING.search(t)) for t in texts) * 2 < len(texts):
            continue
        current = best[1]
        if current is None or len(parsed.items) >= len(current.items):
            best = (heading, parsed)

    heading, parsed = best
    page_start = lines[heading][0]
    if parsed is None:
        return RecommendationsResult(True, page_start, page_start, [])
    found = []
    for item in parsed.items:
        text = join_lines(item.lines)
        found.append(
            FoundRecommendation(
                number=item.number,
                text=text,
                page=item.page,
                agency_as_written=agency_as_written_in(text),
            )
        )
    return RecommendationsResult(True, page_start, parsed.page_end, found)
