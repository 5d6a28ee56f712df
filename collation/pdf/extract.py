"""Page-by-page text extraction.

The contract every caller relies on: ``extract_pages(path)`` yields one
``ExtractedPage`` per physical page, in order, numbered from 1, whose text is
NFC-normalised with ``\\n`` line breaks.
"""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium


@dataclass(frozen=True)
class ExtractedPage:
    number: int
    text: str


def normalise_text(text: str) -> str:
    """One form for all extractors: NFC, ``\\n`` line breaks, no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def extract_pages(path: str | Path) -> Iterator[ExtractedPage]:
    """Yield each page's text, closing every page as soon as it is read."""
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            yield ExtractedPage(number=index + 1, text=normalise_text(text))
    finally:
        document.close()
