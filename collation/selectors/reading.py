"""A page's text for reading and coding: paragraphs, with passages marked in place."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..analysis.matching import tolerant_pattern

# A paragraph ends at a blank line, or at a line that ends a sentence and is followed by
# one that starts like a new block (a capital, a bullet, a number).
_BLOCK_START = re.compile(r"^(?:[•▪◦●○■□➢►\-–*]\s|\d{1,2}(?:\.\d{1,3})*\.?\s|[A-Z(‘“\"'])")
_SENTENCE_END = re.compile(r"[.!?:;][’”'\")\]]*$")


@dataclass(frozen=True)
class Mark:
    """A passage to mark: its text, a CSS modifier and an id to link to."""

    text: str
    kind: str  # "own", "other", "suggestion"
    anchor: str
    label: str


def paragraphs(text: str) -> list[str]:
    """The page's lines joined into paragraphs (hard line breaks inside one are undone)."""
    blocks: list[list[str]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if blocks and blocks[-1]:
                blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        current = blocks[-1]
        if (current and _SENTENCE_END.search(current[-1]) and _BLOCK_START.match(stripped)) or (
            current and _BLOCK_START.match(stripped) and stripped[0] in "•▪◦●○■□➢►-–*"
        ):
            blocks.append([stripped])
        else:
            current.append(stripped)
    return [" ".join(block) for block in blocks if block]


def marked_paragraphs(text: str, marks: list[Mark]) -> SafeString:
    """The page as HTML paragraphs with each passage marked where it stands."""
    html = []
    for paragraph in paragraphs(text):
        spans = []
        for mark in marks:
            pattern = tolerant_pattern(mark.text)
            found = pattern.search(paragraph) if pattern else None
            if found:
                spans.append((found.start(), found.end(), mark))
        spans.sort(key=lambda span: (span[0], -span[1]))
        out, at = [], 0
        for start, end, mark in spans:
            if start < at:
                continue  # overlapping passages: the first one is marked
            out.append(escape(paragraph[at:start]))
            out.append(
                f'<mark class="app-mark app-mark--{mark.kind}" id="{escape(mark.anchor)}" '
                f'title="{escape(mark.label)}">{escape(paragraph[start:end])}'
                f'<span class="govuk-visually-hidden"> ({escape(mark.label)})</span></mark>'
            )
            at = end
        out.append(escape(paragraph[at:]))
        html.append(f'<p class="govuk-body">{"".join(out)}</p>')
    return mark_safe("\n".join(html))
