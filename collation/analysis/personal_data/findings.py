"""What the detector reports: the kinds of personal data and one finding of one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PersonalDataKind(StrEnum):
    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    NHS_NUMBER = "nhs_number"


@dataclass(frozen=True)
class PersonalDataFinding:
    """One item on one page. An item whose text runs over a page break is one
    finding on each page, each with the part of the text on that page and the
    same kind and context."""

    kind: PersonalDataKind
    text: str  # exactly the page text from ``start`` to ``end``; may hold a line break
    page: int
    start: int  # offsets in that page's text (as given, running lines included)
    end: int
    context: str  # about 60 characters either side, whitespace squashed to spaces


@dataclass(frozen=True, slots=True)
class Span:
    """An item found in one text the detector reads (the reading or a running line)."""

    kind: PersonalDataKind
    start: int
    end: int
