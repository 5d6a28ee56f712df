"""Dates of birth: a full date only when introduced as one ("born on", "DOB",
"date of birth"). Publication and event dates are not flagged."""

from __future__ import annotations

import bisect
import re

from .findings import PersonalDataKind, Span
from .reading import matches, sentence_before

GAP = r"[ \t]*\n?[ \t]*"  # spaces, or one line break (wrapped text)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_RE = re.compile(
    rf"(?<![\w/.\-])(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?P<d3>\d{{1,2}})(?P<sep>[/.\-]){GAP}(?P<m3>\d{{1,2}})(?P=sep){GAP}(?:\d{{4}}|\d{{2}})"
    rf")(?![\w/\-]|\.\d)"
)
# For matches(): a digit or a month's capital, then what may follow it in a date.
DATE_STARTS = re.compile(
    r"[\dADFJMNOS](?<![\w/.\-].)"
    r"(?=\d?(?:st|nd|rd|th)?\s+(?:of\s+)?[ADFJMNOS]|\d?[/.\-][ \t]*\n?[ \t]*\d|[a-z]{2,8}\.?\s+\d)"
)
_DOB_CUE = re.compile(
    r"\b(?:born|DOB|D\.O\.B|d\.o\.b|date\s+of\s+birth|birth\s*date|birthday)\b", re.IGNORECASE
)
_DOB_AFTER = re.compile(r"^[\s,]*\(?\s*(?:DOB|D\.O\.B\.?|date of birth|born)\b", re.IGNORECASE)
_DOB_GAP = 45  # characters allowed between "born on" and the date
# Every match of _DOB_CUE and _DOB_AFTER has one of these in it ("born", "birth",
# "DOB", "D.O.B"), case ignored. No character but "b", "B", "d" and "D" matches
# "b" or "d" when case is ignored, so the plain class opening it is the same, and
# lets the regex engine skip quickly to candidate places.
DOB_HINT = re.compile(r"[bBdD](?i:orn|irth|ob|\.o\.b)")
# A cue after a date (and so its hint) stands in the 30 characters after it.
_AFTER_REACH = 30


def _date_is_valid(match: re.Match[str]) -> bool:
    if match.group("d3"):
        return 1 <= int(match.group("d3")) <= 31 and 1 <= int(match.group("m3")) <= 12
    return 1 <= int(match.group("d1") or match.group("d2")) <= 31


def find_dates_of_birth(text: str) -> list[Span]:
    spans: list[Span] = []
    for start, end in _near_hints(text):
        spans += _dates_of_birth(text, start, end)
    return spans


# How far around a hint dates are read. A date of birth starts at most 80
# characters after its cue or ends at most 30 before it, so starts within 130
# characters either side of the hint, and an earlier date 80 characters before
# it limits where its cue can be. Past that the reading of dates near the edges
# of the window (a date cut by the window's start or end) cannot matter.
_WINDOW = 300


def _near_hints(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` within ``_WINDOW`` characters of a hint, merged."""
    windows: list[tuple[int, int]] = []
    for hint in DOB_HINT.finditer(text):
        start, end = max(0, hint.start() - _WINDOW), hint.end() + _WINDOW
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _dates_of_birth(text: str, window_start: int, window_end: int) -> list[Span]:
    spans: list[Span] = []
    hints = [hint.start() for hint in DOB_HINT.finditer(text, window_start, window_end)]
    previous_end = window_start
    for match in matches(DATE_RE, DATE_STARTS, text, window_start, window_end):
        if not _date_is_valid(match):
            continue
        start, end = match.span()
        # The cue must come after any earlier date and within the sentence.
        limit = min(80, start - previous_end)
        previous_end = end
        near = bisect.bisect_left(hints, start - limit)
        if near == len(hints) or hints[near] >= end + _AFTER_REACH:
            continue  # no cue can be near enough: most dates (a chronology's)
        before = sentence_before(text, start, limit)
        cued = any(len(before) - cue.end() <= _DOB_GAP for cue in _DOB_CUE.finditer(before))
        if cued or _DOB_AFTER.match(text[end : end + 30]):
            spans.append(Span(PersonalDataKind.DATE_OF_BIRTH, start, end))
    return spans
