"""A public document as one plain text, and where a coding's excerpt stands in it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...analysis.matching import find, tolerant_pattern

PAGE_SEPARATOR = "\n\n"


def page_heading(number: int) -> str:
    return f"[Page {number}]\n"


def _newlines(text: str) -> str:
    # Readers open .txt files with universal newlines: one character per line break.
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class SourceText:
    """A document's pages joined, and where each page's own text starts and ends."""

    text: str
    pages: dict[int, tuple[int, int]]

    def locate(self, page: int, excerpt: str) -> tuple[int, int] | None:
        """(start, end) of ``excerpt``'s first occurrence on ``page``, white space aside,
        or None if it is not there."""
        bounds = self.pages.get(page)
        if bounds is None:
            return None
        span = find(self.text, excerpt, *bounds)
        if span is None and (pattern := tolerant_pattern(excerpt)) is not None:
            # As the coding service accepted it: whatever the case (rare, so a pattern).
            match = re.compile(pattern.pattern, re.IGNORECASE).search(self.text, *bounds)
            span = (match.start(), match.end()) if match else None
        return span


def source_text(pages: Iterable[tuple[int, str]]) -> SourceText:
    """Join (number, text) pages in order: ``[Page N]``, the text, a blank line between."""
    parts: list[str] = []
    bounds: dict[int, tuple[int, int]] = {}
    length = 0
    for number, text in pages:
        if parts:
            parts.append(PAGE_SEPARATOR)
            length += len(PAGE_SEPARATOR)
        heading, body = page_heading(number), _newlines(text)
        parts += [heading, body]
        start = length + len(heading)
        length = start + len(body)
        bounds[number] = (start, length)
    return SourceText(text="".join(parts), pages=bounds)
