"""Lines of a report's pages: the patterns a line is judged by, and page furniture.

Page furniture (running headers and footers, page numbers) is judged across the
whole document and dropped, so that a recommendation running over a page
break joins up cleanly.
"""

from __future__ import annotations

import re
from collections import Counter

# A line that ends a sentence or clause. Closing quotes/brackets may follow.
TERMINAL = re.compile(r"[.!?;:][’”'\")\]]*$")
# A line that cannot end a heading: it ends with punctuation that continues.
CONTINUES = re.compile(r"[.,;:!?\-–—/&][’”'\")\]]*$")
# Contents-page entries: dot leaders or a trailing page number.
TOC_LEADER = re.compile(r"(\.\s*){4,}|\s\d{1,3}$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# "7", "7.", "Section 7:", "Part 7 -" before a heading's words.
HEADING_NUMBER = re.compile(
    r"^(?:(?:section|part|chapter)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})?\s*[.:)\-–—]?\s*",
    re.IGNORECASE,
)
REC_HEADING = re.compile(
    r"^(?:(?:summary|list)\s+of\s+(?:the\s+)?"
    r"|(?:findings|conclusions?|lessons(?:\s+learn(?:ed|t))?)\s*(?:,|and|&)\s*"
    r"|key\s+|the\s+)?"
    r"recommendations"
    r"(?:\s*(?:and|&)\s+[\w’' ]{1,30}|\s+(?:for|to|made)\b[\w’' ]{0,40})?\s*:?$",
    re.IGNORECASE,
)
# Headings that close the recommendations section and are never agency groups.
END_HEADING = re.compile(
    r"^(?:(?:section|part|chapter)\s+\d+\b"
    r"|(?:\d{1,2}(?:\.\d{1,2})*[.:)]?\s+)?"
    r"(?:appendix|appendices|annex|annexe|glossary|references|bibliography"
    r"|terms\s+of\s+reference|abbreviations|acknowledgements|action\s+plan"
    r"|where\s+to\s+get\s+help|contents)\b)",
    re.IGNORECASE,
)
# Words of a table's column-header row ("No. Recommendation", "Ref Agency ...").
TABLE_HEADER_WORDS = {
    "no",
    "no.",
    "number",
    "ref",
    "ref.",
    "#",
    "recommendation",
    "recommendations",
    "agency",
    "lead",
    "action",
    "owner",
    "responsible",
    "timescale",
    "by",
    "when",
    "theme",
    "/",
    "|",
}
# Words a sentence fragment ends on; a heading does not.
FUNCTION_WORDS = {"a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "or", "by"}
# What a recommendation asks of its addressee: used to tell a recommendation
# list from another numbered list (the terms of reference, a contents page).
RECOMMENDING = re.compile(
    r"\b(?:should|must|shall|will|needs?\s+to|ought\s+to|(?:is|are)\s+(?:asked|requested)\s+to"
    r"|to\s+ensure|recommend)",
    re.IGNORECASE,
)

# The three ways a list item starts. The first item fixes the style, so a
# continuation line beginning "12 weeks" can't pass for item 12 of a dot list.
MARKERS: dict[str, re.Pattern[str]] = {
    "recommendation": re.compile(
        r"^(?:recommendation|rec\.?)\s*(?P<n>\d{1,3})\s*(?:[:.)\-–—]\s*|\s+|$)(?P<rest>.*)$",
        re.IGNORECASE,
    ),
    "dotted": re.compile(r"^(?P<n>\d{1,3})[.)](?:\s+(?P<rest>.*))?$"),
    # Table rows: "1 The LSCB should ...", "1 | The LSCB ...", or "1" alone.
    "bare": re.compile(r"^(?P<n>\d{1,3})(?:\s*[|\t]\s*|\s+(?=[A-Z‘'\"“(])|$)(?P<rest>.*)$"),
}


def clean_line(line: str) -> str:
    """One line as text: pdfium's flagged line-end hyphens back to hyphens."""
    # pdfium marks a hyphen it thinks ends a line as U+FFFE (older builds: 0x02)
    # and sometimes keeps the word on one line ("sub\ufffegroup"). The samples'
    # are real hyphens, so keep a hyphen rather than drop it. U+00AD is a true
    # soft hyphen and goes.
    line = line.replace("\ufffe", "-").replace("\x02", "-").replace("\u00ad", "")
    return " ".join(line.split())


# --------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------

_EDGE = 2  # lines at each end of a page that can be header/footer


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _mentions_page(line: str, page: int) -> bool:
    """Whether a line carries a running page number (printed numbers drift)."""
    return any(abs(int(n) - page) <= 5 for n in re.findall(r"\d{1,4}", line))


def strip_furniture(pages: list[tuple[int, list[str]]]) -> list[tuple[int, str]]:
    """Flatten pages to (page, line), without running headers, footers, page numbers.

    A line is furniture if it sits within ``_EDGE`` lines of the top or bottom
    of a page and the same line recurs in that position across the document
    (exactly, or with only its page number changed). Repetition rather than a
    list of known titles, because every board words its running title
    differently. A digit-insensitive match must also carry the page number,
    so that "Recommendation 8" at the top of one page and "Recommendation 12"
    at the top of another are never taken for a running header.
    """
    n_pages = len(pages)
    threshold = max(2, -(-3 * n_pages // 10))  # 30% of pages, at least 2
    exact: Counter[tuple[str, str]] = Counter()
    fuzzy: Counter[tuple[str, str]] = Counter()
    numbered: Counter[str] = Counter()
    for page, lines in pages:
        for where, edge in (("top", lines[:_EDGE]), ("bottom", lines[-_EDGE:])):
            for line in set(edge):
                exact[(where, line)] += 1
                if _mentions_page(line, page):
                    fuzzy[(where, _signature(line))] += 1
            if any(_PAGE_NUMBER.match(line) for line in edge):
                numbered[where] += 1

    def is_furniture(where: str, line: str, page: int) -> bool:
        # A bare number is a page number only where this document puts them,
        # so a table row's number alone on a line at a page top survives.
        if _PAGE_NUMBER.match(line) and numbered[where] >= threshold:
            return True
        if exact[(where, line)] >= threshold:
            return True
        return _mentions_page(line, page) and fuzzy[(where, _signature(line))] >= threshold

    flat: list[tuple[int, str]] = []
    for page, lines in pages:
        start, end = 0, len(lines)
        while start < min(end, _EDGE) and is_furniture("top", lines[start], page):
            start += 1
        while end > max(start, len(lines) - _EDGE) and is_furniture("bottom", lines[end - 1], page):
            end -= 1
        flat.extend((page, line) for line in lines[start:end])
    return flat
