"""E-mail addresses, NHS numbers and phone numbers.

NHS numbers: ten digits (usually 3-3-4) whose modulus-11 check digit is right;
a number whose check digit fails is not an NHS number. Phone numbers: UK
mobile and geographic numbers (freephone and other non-geographic numbers are
organisations'). Contact details are not flagged when they are the board's or
another organisation's (``document.is_organisational``), or an e-mail to a
role mailbox ("enquiries@", "scb.admin@") or the board's domain.
"""

from __future__ import annotations

import re

from .document import Document, is_organisational
from .findings import PersonalDataKind, Span
from .lexicon import ROLE_MAILBOXES
from .reading import digits, matches, sentence_before


def nhs_number_is_valid(number: str) -> bool:
    """True if ``number`` (spaces and hyphens allowed) is ten digits whose
    modulus-11 check digit is right."""
    value = re.sub(r"[\s\-]", "", number)
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    return check != 10 and check == int(value[9])


# ---------------------------------------------------------------------------
# E-mail addresses

EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)


def email_matches(text: str) -> list[re.Match[str]]:
    """``EMAIL_RE.finditer(text)``, reading only the white-space-free chunks with
    an "@" in them: an address never holds white space, and white space before
    a chunk never stops one starting there."""
    found: list[re.Match[str]] = []
    at = text.find("@")
    while at >= 0:
        start = end = at
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        found.extend(EMAIL_RE.finditer(text, start, end))
        at = text.find("@", end)
    return found


def find_emails(text: str, document: Document) -> list[Span]:
    spans: list[Span] = []
    for match in email_matches(text):
        start, end = match.start(), match.end()
        while text[end - 1] in ".-":
            end -= 1
        local, _, domain = text[start:end].partition("@")
        if {part.casefold() for part in re.split(r"[._\-+]", local)} & ROLE_MAILBOXES:
            continue
        first_label = domain.split(".")[0].casefold()
        if any(place in first_label for place in document.board_places):
            continue
        if is_organisational(text, start, end, document):
            continue
        spans.append(Span(PersonalDataKind.EMAIL, start, end))
    return spans


# ---------------------------------------------------------------------------
# NHS numbers

NHS_RE = re.compile(r"(?<![\w.])\d{3}[ \t\-]?\n?[ \t]*\d{3}[ \t\-]?\n?[ \t]*\d{4}(?![\w]|\.\d)")
# For matches(): three digits, then maybe a gap, then three more.
NHS_STARTS = re.compile(r"\d(?<![\w.].)(?=\d\d[ \t\-]?\n?[ \t]*\d{3})")
_NHS_CUE = re.compile(r"\bNHS\b|health\s+(?:service\s+)?number", re.IGNORECASE)
REFERENCE_CUE = re.compile(
    r"\b(?:ref(?:erence)?|case|crime|document|file|id|account|serial|incident|log|invoice|order)"
    r"\.?(?:\s+(?:no\.?|number))?\s*[:#]?\s*$",
    re.IGNORECASE,
)


def find_nhs_numbers(text: str) -> list[Span]:
    spans = []
    for match in matches(NHS_RE, NHS_STARTS, text):
        number = digits(match.group())
        if not nhs_number_is_valid(number):
            continue
        if not _NHS_CUE.search(sentence_before(text, match.start(), 80)):
            if number.startswith("0"):
                continue  # a phone number, more likely
            if REFERENCE_CUE.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # "Document reference 570 018 7090"
        spans.append(Span(PersonalDataKind.NHS_NUMBER, match.start(), match.end()))
    return spans


# ---------------------------------------------------------------------------
# Phone numbers

PHONE_RE = re.compile(
    r"(?<![\w+/.])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(0|0)\d"
    r"(?:\d|[ \t\-][ \t]?(?=\d)|\)[ \t]?(?=\d)|[ \t]*\n[ \t]*(?=\d))+(?![\d/])"
)
# For matches(): "+44", "(0" and a digit, or "0" and a digit.
PHONE_STARTS = re.compile(r"[+(0](?<![\w+/.].)(?:(?<=\+)(?=44)|(?<=\()(?=0\d)|(?<=0)(?=\d))")


def _national_number(candidate: str) -> str:
    number = digits(candidate)
    if candidate.startswith("+44"):
        number = number[2:]
        return number if number.startswith("0") else "0" + number
    return number


def _personal_phone(national: str) -> bool:
    """A UK number a person would have: mobile, geographic or personal VoIP.
    03, 08 and 09 numbers (non-geographic, freephone, premium) are
    organisations'."""
    if national.startswith(("07", "05")):
        return len(national) == 11
    if national.startswith(("01", "02")):
        return len(national) in (10, 11)
    return False


def find_phones(text: str, document: Document) -> list[Span]:
    spans = []
    for match in matches(PHONE_RE, PHONE_STARTS, text):
        span = match.group()
        # The whole match, or the match less digit groups that run on after it.
        ends = [group.end() for group in re.finditer(r"\d+", span)]
        length = next((e for e in reversed(ends) if _personal_phone(_national_number(span[:e]))), 0)
        if not length:
            continue
        start, end = match.start(), match.start() + length
        if REFERENCE_CUE.search(text[max(0, start - 40) : start]):
            continue
        if is_organisational(text, start, end, document):
            continue
        spans.append(Span(PersonalDataKind.PHONE, start, end))
    return spans
