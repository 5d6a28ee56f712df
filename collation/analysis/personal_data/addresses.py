"""Addresses (a house number and street, or the parts before a postcode) and
postcodes on their own, unless they are the board's or another organisation's."""

from __future__ import annotations

import re

from .dates import GAP
from .document import ORG_CUE, PERSONAL_CUE, Document, is_organisational
from .findings import PersonalDataKind, Span
from .lexicon import DOCUMENT_WORDS, FAMILY_WORDS, FUNCTION_WORDS, STREET_WORDS
from .reading import Disjoint, matches, sentence_before

_POSTCODE = r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\n?[ \t]*\d[ABD-HJLNP-UW-Z]{2})"
POSTCODE_RE = re.compile(rf"(?<![A-Za-z\d]){_POSTCODE}(?![A-Za-z\d])")
_STREET_WORDS = "(?:" + "|".join(sorted(STREET_WORDS, key=lambda w: (-len(w), w))) + ")"
_CAP_WORD = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[A-Z]?[^\W\d_]+)?"
# A town or district word has lower case in it, so "Northtown NS1 2AB" does not
# read "NS" as a word.
_TOWN_WORD = r"[A-Z][^\W\d_]*[^\W\d_A-Z](?:['’][^\W\d_]+)?(?:-[A-Z]?[^\W\d_]+)?"
_FLAT = r"(?:Flat|Apartment|Apt|Unit|Room)\.?[ \t]+\d+[A-Za-z]?"
_HOUSE = rf"(?:{_FLAT},?{GAP})?(?<!\d)\d{{1,3}}[A-Za-z]?"
STREET_RE = re.compile(
    rf"(?<![\w/.,:])(?:{_HOUSE}){GAP}(?:{_CAP_WORD}{GAP}){{0,3}}{_STREET_WORDS}\b\.?"
)
# For matches(): a house number ("12", "12a") before a capitalised word, or a flat
# ("Flat", "Apartment", "Apt", "Unit", "Room"); a postcode's first letter.
STREET_STARTS = re.compile(
    r"[\dFAUR](?<![\w/.,:].)"
    r"(?:(?<=\d)(?=\d{0,2}[A-Za-z]?[ \t]*\n?[ \t]*[A-Z])"
    r"|(?<=F)(?=lat)|(?<=A)(?=p)|(?<=U)(?=nit)|(?<=R)(?=oom))"
)
POSTCODE_STARTS = re.compile(r"[A-Z](?<![A-Za-z\d].)(?=[A-Z]?\d|IR)")
_NOT_A_HOUSE = re.compile(
    r"\b(?:finding|section|chapter|recommendation|appendix|page|paragraph|episode|table|figure|"
    r"part|stage|level|step|phase|year|years|aged|age|week|weeks|day|days|month|months|number|"
    r"no|point|item|annex|question|theme|round|version)\.?\s*$",
    re.IGNORECASE,
)
_TOWN_TAIL = re.compile(
    rf"(?:,?{GAP}(?!(?:A|An|The|And|But|Which|Who|Where)\b){_TOWN_WORD}"
    rf"(?:{GAP}{_TOWN_WORD}){{0,2}}){{0,3}}(?:,?{GAP}{_POSTCODE}(?![A-Za-z\d]))?"
)
_ADDRESS_PART = re.compile(
    rf"(?:(?:{_FLAT},?{GAP})?(?<!\d)\d{{1,3}}[A-Za-z]?{GAP})?{_CAP_WORD}(?:{GAP}{_CAP_WORD}){{0,3}}$"
)
_NOT_AN_ADDRESS_PART = FUNCTION_WORDS | FAMILY_WORDS | DOCUMENT_WORDS


def find_addresses(text: str, document: Document) -> list[Span]:
    spans: list[Span] = []
    taken = Disjoint()

    def add(kind: PersonalDataKind, start: int, end: int) -> None:
        if not taken.add(start, end):
            return
        if not _address_is_organisational(text, start, end, document):
            spans.append(Span(kind, start, end))

    # A house number and street, running on over town parts to a postcode.
    for match in matches(STREET_RE, STREET_STARTS, text):
        if _NOT_A_HOUSE.search(text[max(0, match.start() - 15) : match.start()]):
            continue
        end = match.end()
        tail = _TOWN_TAIL.match(text, end)
        if tail and tail.end() > end:
            following = text[tail.end() : tail.end() + 1]
            with_postcode = POSTCODE_RE.search(tail.group())
            # After a full stop, a new line is a new sentence or a heading.
            lead = tail.group()[: len(tail.group()) - len(tail.group().lstrip(" \t,\n"))]
            new_line = text[end - 1] == "." and "\n" in lead
            if with_postcode or (not new_line and following in {",", ".", ";", ")", "\n", ""}):
                end = tail.end()
        add(PersonalDataKind.ADDRESS, match.start(), end)

    # A postcode, with the comma-separated parts before it.
    for match in matches(POSTCODE_RE, POSTCODE_STARTS, text):
        start = _address_start(text, match.start())
        kind = PersonalDataKind.ADDRESS if start < match.start() else PersonalDataKind.POSTCODE
        add(kind, start, match.end())
    return spans


def _address_start(text: str, postcode_start: int) -> int:
    """Walk back from a postcode over address parts ("137 Kiln Way, Brookside, Town")."""
    start = postcode_start
    for _ in range(6):
        head = text[max(0, start - 80) : start].rstrip(" \t\n,")
        piece = head[head.rfind(",") + 1 :]
        match = _ADDRESS_PART.search(piece)
        if not match:
            break
        part = match.group().strip()
        words = set(re.findall(r"[^\W\d_]+", part))
        if (
            words & _NOT_AN_ADDRESS_PART
            or words & {"Board", "Council", "Trust", "Partnership", "Safeguarding"}
            or any(word.isupper() and len(word) > 1 for word in words)
        ):
            break
        start = max(0, start - 80) + head.rfind(",") + 1 + match.start()
        start += len(match.group()) - len(match.group().lstrip())
        if re.match(r"\d|(?:Flat|Apartment|Apt|Unit|Room)\b", part):
            if re.match(r"\d", part):  # "Flat 5, 50 Lowther Place"
                flat = re.search(rf"{_FLAT},?{GAP}$", text[max(0, start - 20) : start])
                if flat:
                    start = max(0, start - 20) + flat.start()
            break
        if "," not in text[max(0, start - 2) : start]:
            break  # no list of parts: this was the town before the postcode
    return start


def _address_is_organisational(text: str, start: int, end: int, document: Document) -> bool:
    if ORG_CUE.search(text[start:end]) and not PERSONAL_CUE.search(sentence_before(text, start)):
        return True  # "County Hall, Park Lane, ..."
    return is_organisational(text, start, end, document)
