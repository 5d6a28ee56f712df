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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scr_platform.reference import reference


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


# --------------------------------------------------------------------------
# Line-level patterns
# --------------------------------------------------------------------------

# A line that ends a sentence or clause. Closing quotes/brackets may follow.
_TERMINAL = re.compile(r"[.!?;:][’”'\")\]]*$")
# A line that cannot end a heading: it ends with punctuation that continues.
_CONTINUES = re.compile(r"[.,;:!?\-–—/&][’”'\")\]]*$")
# Contents-page entries: dot leaders or a trailing page number.
_TOC_LEADER = re.compile(r"(\.\s*){4,}|\s\d{1,3}$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# "7", "7.", "Section 7:", "Part 7 -" before a heading's words.
_HEADING_NUMBER = re.compile(
    r"^(?:(?:section|part|chapter)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})?\s*[.:)\-–—]?\s*",
    re.IGNORECASE,
)
_REC_HEADING = re.compile(
    r"^(?:(?:summary|list)\s+of\s+(?:the\s+)?"
    r"|(?:findings|conclusions?|lessons(?:\s+learn(?:ed|t))?)\s*(?:,|and|&)\s*"
    r"|key\s+|the\s+)?"
    r"recommendations"
    r"(?:\s*(?:and|&)\s+[\w’' ]{1,30}|\s+(?:for|to|made)\b[\w’' ]{0,40})?\s*:?$",
    re.IGNORECASE,
)
# Headings that close the recommendations section and are never agency groups.
_END_HEADING = re.compile(
    r"^(?:(?:section|part|chapter)\s+\d+\b"
    r"|(?:\d{1,2}(?:\.\d{1,2})*[.:)]?\s+)?"
    r"(?:appendix|appendices|annex|annexe|glossary|references|bibliography"
    r"|terms\s+of\s+reference|abbreviations|acknowledgements|action\s+plan"
    r"|where\s+to\s+get\s+help|contents)\b)",
    re.IGNORECASE,
)
# Words of a table's column-header row ("No. Recommendation", "Ref Agency ...").
_TABLE_HEADER_WORDS = {
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
_FUNCTION_WORDS = {"a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "or", "by"}
# What a recommendation asks of its addressee: used to tell a recommendation
# list from another numbered list (the terms of reference, a contents page).
_RECOMMENDING = re.compile(
    r"\b(?:should|must|shall|will|needs?\s+to|ought\s+to|(?:is|are)\s+(?:asked|requested)\s+to"
    r"|to\s+ensure|recommend)",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(
    r"^(?P<agency>[A-Z‘'\"“(].{1,119}?)\s+(?:should|must|shall|will|needs?\s+to|ought\s+to"
    r"|(?:is|are)\s+(?:asked|requested)\s+to)\b"
)
_THAT_PREFIX = re.compile(r"^(?:it\s+is\s+recommended\s+that|that)\s+", re.IGNORECASE)

# The three ways a list item starts. The first item fixes the style, so a
# continuation line beginning "12 weeks" can't pass for item 12 of a dot list.
_MARKERS: dict[str, re.Pattern[str]] = {
    "recommendation": re.compile(
        r"^(?:recommendation|rec\.?)\s*(?P<n>\d{1,3})\s*(?:[:.)\-–—]\s*|\s+|$)(?P<rest>.*)$",
        re.IGNORECASE,
    ),
    "dotted": re.compile(r"^(?P<n>\d{1,3})[.)](?:\s+(?P<rest>.*))?$"),
    # Table rows: "1 The LSCB should ...", "1 | The LSCB ...", or "1" alone.
    "bare": re.compile(r"^(?P<n>\d{1,3})(?:\s*[|\t]\s*|\s+(?=[A-Z‘'\"“(])|$)(?P<rest>.*)$"),
}


def _clean(line: str) -> str:
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


# --------------------------------------------------------------------------
# Section and list
# --------------------------------------------------------------------------


def _is_rec_heading(line: str) -> bool:
    line = line.removesuffix(":")
    if len(line) > 70 or _TOC_LEADER.search(line) or _CONTINUES.search(line):
        return False
    return bool(_REC_HEADING.match(_HEADING_NUMBER.sub("", line, count=1)))


def _table_header_span(lines: list[tuple[int, str]], i: int) -> int:
    """How many lines from ``i`` form a table's column-header row, or 0.

    Tables repeat their header row ("No. Recommendation") on every page; some
    extractors put each header cell on a line of its own.
    """
    words: list[str] = []
    size = 0
    while size < 4 and i + size < len(lines):
        cell = lines[i + size][1].lower().replace("|", " | ").split()
        if not all(w in _TABLE_HEADER_WORDS for w in cell):
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
        and not _CONTINUES.search(line)
        and line.split()[-1].lower() not in _FUNCTION_WORDS
    )


def _is_end_heading(line: str) -> bool:
    """An appendix, glossary, terms of reference...: never part of the list.

    The shape test keeps a table row like "5 Action plans should ..." in.
    """
    return _heading_shaped(line) and bool(_END_HEADING.match(line))


def _typical_width(lines: list[tuple[int, str]]) -> int:
    """The length of a full line of body text (90th percentile), in characters."""
    lengths = sorted(len(line) for _, line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _heading_not_prose(line: str, width: int) -> bool:
    """A heading, not the first line of a wrapped sentence.

    Without layout, length is the tell: a sentence's first line runs to the
    full width, a heading stops well short of it. A heading also asks nothing
    of anyone, so a line with "should" or "must" in it is prose.
    """
    return _heading_shaped(line) and len(line) <= 0.7 * width and not _RECOMMENDING.search(line)


def _looks_like_heading(lines: list[tuple[int, str]], i: int, width: int) -> bool:
    """A heading that opens a paragraph and isn't continued on the next line."""
    if not _heading_not_prose(lines[i][1], width):
        return False
    if i > 0 and not _TERMINAL.search(lines[i - 1][1]):
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
    match = _MARKERS[style].match(line)
    if not match:
        return None
    return int(match.group("n")), (match.group("rest") or "").strip()


@dataclass
class _Item:
    number: int
    page: int
    lines: list[str]


@dataclass
class _Parsed:
    items: list[_Item]
    page_end: int


def _first_marker(lines: list[tuple[int, str]], start: int) -> tuple[int, str, int, str] | None:
    """The first item numbered 1 after the heading: (index, style, number, rest)."""
    for i in range(start, len(lines)):
        line = lines[i][1]
        if _is_end_heading(line) or _is_rec_heading(line):
            return None
        for style in _MARKERS:
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
        if any(_CONTINUES.search(t) or _END_HEADING.match(t) for t in block):
            break
        if sum(len(t) for t in block) > 100 or not block[0][0].isupper():
            continue
        if _TERMINAL.search(item_lines[first - 1]):
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
        if not _TERMINAL.search(item_lines[i - 1]) or not line[:1].isupper():
            continue
        sentence = re.split(r"(?<=[.!?])\s", " ".join(item_lines[i:]), maxsplit=1)[0]
        if re.search(r"\brecommendations\b", sentence, re.IGNORECASE):
            return i
        rest = item_lines[i:]
        if not any(_TERMINAL.search(t) for t in rest):  # a signature, a sign-off
            return i
        following = item_lines[i + 1] if i + 1 < len(item_lines) else ""
        if _heading_not_prose(line, width) and following[:1].isupper():
            return i  # a heading, then prose
    return len(item_lines)


def _parse_list(lines: list[tuple[int, str]], heading: int, width: int) -> _Parsed | None:
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
        if not header and _is_rec_heading(line) and page != lines[i - 1][0]:
            # A one-word table header ("Recommendations") repeated on a new page.
            header = int(_next_is_marker(lines, i - 1, style, expected))
        if header:
            i += header
            continue
        if _is_end_heading(line) or _is_rec_heading(line):
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
                if not drop or not _RECOMMENDING.search(rest or _peek(lines, i + 1)):
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
    return _Parsed(items=items, page_end=last_page)


def _join(lines: list[str]) -> str:
    """Lines to one string; a word broken at a line-end hyphen stays hyphenated."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())


def agency_as_written_in(text: str) -> str:
    """The addressee at the start of a recommendation ("The LSCB should ..."), or ""."""
    stripped = _THAT_PREFIX.sub("", text, count=1)
    if stripped != text:
        # After "That ..." the addressee may start in lower case ("that the LSCB").
        stripped = stripped[:1].upper() + stripped[1:]
        text = text[len(text) - len(stripped) :]
    match = _ADDRESSEE.match(stripped)
    if not match:
        return ""
    # Report the words as written, not as re-capitalised above.
    agency = text[: match.end("agency")].strip()
    # A full stop inside means the modal verb belongs to a later sentence.
    return "" if re.search(r"[.!?]\s", agency) else agency


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
        cleaned = [_clean(line) for line in text.split("\n")]
        page_lines.append((number, [line for line in cleaned if line]))
    lines = strip_furniture(page_lines)

    headings = [i for i, (_, line) in enumerate(lines) if _is_rec_heading(line)]
    if not headings:
        return RecommendationsResult(False, None, None, [])

    # With no list anywhere, report the last heading: a contents-page entry
    # comes before the section it lists.
    best: tuple[int, _Parsed | None] = (headings[-1], None)
    width = _typical_width(lines)
    for heading in headings:
        parsed = _parse_list(lines, heading, width)
        if parsed is None:
            continue
        texts = [_join(item.lines) for item in parsed.items]
        # Another numbered list after a recommendations heading (a contents
        # page) is not a list of recommendations.
        if sum(bool(_RECOMMENDING.search(t)) for t in texts) * 2 < len(texts):
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
        text = _join(item.lines)
        found.append(
            FoundRecommendation(
                number=item.number,
                text=text,
                page=item.page,
                agency_as_written=agency_as_written_in(text),
            )
        )
    return RecommendationsResult(True, page_start, parsed.page_end, found)


# --------------------------------------------------------------------------
# Agency categories (DFE-RR157)
# --------------------------------------------------------------------------

_CSC = "Children's social care"
_COMMUNITY_HEALTH = "Community health (health visitors, school nurses)"
_HOSPITAL = "Hospital trusts and ambulance trusts"
_HEALTH_OVERVIEW = "Health overview"
_MENTAL_HEALTH = "Adult mental health, drug and alcohol team"
_LSCB = "LSCB / applicable to all agencies involved"
_NATIONAL = "Regional or national"

# First match wins, so the specific comes before the general: "school nursing
# service" is community health, not education; "Department of Health and
# Social Care" is national, not children's social care; "Designated Nurse for
# Safeguarding Children" is health overview, not the Board; "National
# Probation Service" is probation, not national.
_AGENCY_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"\bprobation\b|community rehabilitation compan", "Probation"),
    (r"youth offending|\byot\b|\byos\b|youth justice", "Youth offending"),
    (r"\bconnexions\b", "Connexions"),
    (r"\bcafcass\b|\bemployers?\b|\bcoroner", "Miscellaneous (e.g. Cafcass, employer)"),
    (
        r"department (?:for|of)\b|\bdfe\b|\bdhsc\b|home office|\bnhs england\b|\bofsted\b"
        r"|government|secretary of state|care quality commission|public health england"
        r"|\bnational(?:ly)?\b|\bregional\b",
        _NATIONAL,
    ),
    (
        r"clinical commissioning|\bccgs?\b|health commissioners?|designated (?:nurse|doctor)"
        r"|named gps?\b|\bgps?\b|general practi|public health",
        _HEALTH_OVERVIEW,
    ),
    (
        r"health visit|school nurs|community health|community services"
        r"|community healthcare|healthcare nhs trust|\b0-19\b",
        _COMMUNITY_HEALTH,
    ),
    (r"hospital|ambulance|acute trust|emergency department|maternity", _HOSPITAL),
    (
        r"mental health|drug and alcohol|substance misuse|recovery service"
        r"|partnership nhs foundation trust",
        _MENTAL_HEALTH,
    ),
    (
        r"children[’']s cent(?:re|er)|early years|nurser(?:y|ies)|childminder",
        "Early years and nursery",
    ),
    (r"housing|\bhomes\b", "LA or private housing"),
    (
        r"safeguarding children(?:'s|’s)? (?:board|partnership)|\blscbs?\b|\bthe board\b"
        r"|safeguarding partners|partner agencies|all agencies|all partners",
        _LSCB,
    ),
    (
        r"children[’']s services|children[’']s social care|social care|social work"
        r"|director of children",
        _CSC,
    ),
    (r"\bschools?\b|\bacadem(?:y|ies)\b|\beducation\b|\bcolleges?\b", "Education"),
    (
        r"voluntary|charity|third sector|domestic abuse service|women[’']s aid|\bnspcc\b"
        r"|barnardo|refuge\b|\bprojects?\b",
        "Voluntary provider",
    ),
    (r"\bpolice\b|constabulary", "Police"),
)
_AGENCY_PATTERNS = tuple(
    (re.compile(pattern, re.IGNORECASE), label) for pattern, label in _AGENCY_KEYWORDS
)


def _check_agency_labels() -> None:
    """Every label above must be one of the reference list's categories."""
    known = set(reference()["agencies_rr157"])
    unknown = {label for _, label in _AGENCY_KEYWORDS} - known
    if unknown:
        raise ValueError(f"agency categories not in data/reference.json: {sorted(unknown)}")


_check_agency_labels()


def agency_category_for(agency_as_written: str) -> str | None:
    """The DFE-RR157 agency category (``agencies_rr157``) an addressee falls in.

    Keyword-based; None when nothing recognisable is in the name (an unknown
    organisation, or "" when the recommendation names no addressee).
    """
    for pattern, label in _AGENCY_PATTERNS:
        if pattern.search(agency_as_written):
            return label
    return None
