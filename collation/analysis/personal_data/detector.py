"""``personal_data_find``: the reading and the running lines, every kind, back to pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from ..running_lines import RunningLines, is_page_number, running_lines_find
from .addresses import find_addresses
from .contacts import find_emails, find_nhs_numbers, find_phones
from .dates import find_dates_of_birth
from .document import Document, document_facts
from .findings import PersonalDataFinding, PersonalDataKind, Span
from .names import find_names
from .reading import Disjoint, Reading, context


class _Page(Protocol):
    number: int
    text: str


def personal_data_find(
    pages: Iterable[tuple[int, str]] | Iterable[_Page],
    *,
    board_name: str | None = None,
    public_names: Iterable[str] = (),
    running_lines: RunningLines | None = None,
) -> list[PersonalDataFinding]:
    """Every likely item of personal data in ``pages``, in page and text order.

    ``pages`` are ``(number, text)`` pairs or ``ExtractedPage`` objects, in
    document order, with their whole text (running headers and footers
    included). ``board_name`` helps recognise the board's own address, phone
    and e-mail (boards named in the text are recognised anyway).
    ``public_names`` (the lead reviewer, the chair) are never flagged; authors
    named as such in the text ("Lead Reviewer: ...", a signature above
    "Independent Chair") are recognised without being told.
    ``running_lines``, if the caller has found them already
    (``running_lines_find`` over the same texts), saves finding them again.

    The pages' bodies are read as one text, so an item split by a page break
    (or a column or table cell break) is found, once on each page it stands on.
    Each different running line is read once on its own, and what is found in
    it is reported on every page where it stands.
    """
    page_list = [_page_tuple(page) for page in pages]
    numbers = [number for number, _text in page_list]
    texts = [text for _number, text in page_list]
    running = running_lines if running_lines is not None else running_lines_find(texts)
    reading = Reading(texts, running)
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)  # line: (page index, start)
    for index, page in enumerate(running.pages):
        for line in page.running:
            if not is_page_number(line.text):  # nothing personal in "Page 3 of 40"
                where[line.text].append((index, line.start))
    lines = list(where)

    # The board, the authors and the ordinary words, from all the text there is.
    document = document_facts([reading.text, *lines], board_name, public_names)
    found = _spans([reading.text, *lines], document)

    findings: list[tuple[int, PersonalDataFinding]] = []  # (page index, finding)
    for span in found[0]:
        around = context(reading.text, span.start, span.end)
        for part in reading.parts(span.start, span.end):
            text = texts[part.page_index]
            finding = PersonalDataFinding(
                span.kind,
                text[part.start : part.end],
                numbers[part.page_index],
                part.start,
                part.end,
                around,
            )
            findings.append((part.page_index, finding))
    for line, spans in zip(lines, found[1:], strict=True):
        for span in spans:
            around = context(line, span.start, span.end)
            for index, line_start in where[line]:
                finding = PersonalDataFinding(
                    span.kind,
                    line[span.start : span.end],
                    numbers[index],
                    line_start + span.start,
                    line_start + span.end,
                    around,
                )
                findings.append((index, finding))
    findings.sort(key=lambda item: (item[0], item[1].start))
    return [finding for _index, finding in findings]


def _page_tuple(page: tuple[int, str] | _Page) -> tuple[int, str]:
    if isinstance(page, tuple):
        return int(page[0]), str(page[1])
    return int(page.number), str(page.text)


def _spans(texts: list[str], document: Document) -> list[list[Span]]:
    """Every kind in each of ``texts``, overlaps resolved within each."""
    names = find_names(texts, document)
    return [
        _resolve_overlaps(
            find_emails(text, document)
            + find_nhs_numbers(text)
            + find_phones(text, document)
            + find_dates_of_birth(text)
            + find_addresses(text, document)
            + text_names
        )
        for text, text_names in zip(texts, names, strict=True)
    ]


# When two findings cover the same text, the more specific kind wins.
_PRIORITY = {
    PersonalDataKind.ADDRESS: 0,
    PersonalDataKind.EMAIL: 1,
    PersonalDataKind.NHS_NUMBER: 2,
    PersonalDataKind.DATE_OF_BIRTH: 3,
    PersonalDataKind.PHONE: 4,
    PersonalDataKind.POSTCODE: 5,
    PersonalDataKind.NAME: 6,
}


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    ranked = sorted(spans, key=lambda s: (_PRIORITY[s.kind], s.start - s.end, s.start))
    taken = Disjoint()
    kept = [span for span in ranked if taken.add(span.start, span.end)]
    return sorted(kept, key=lambda s: s.start)
