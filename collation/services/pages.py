"""A document's page text as stored and searched: from the original when it is processed,
from the public copy once it is made. The one place pages are written."""

import dataclasses

from django.db import connection
from django.db.models import F, Func, Value

from ..analysis.running_lines import RunningLines, running_lines_find
from ..models import DocumentPage, ReviewDocument
from ..pdf.extract import ExtractedPage

PAGE_BATCH_SIZE = 500


def pages_without_running_lines(
    pages: list[ExtractedPage],
) -> tuple[list[ExtractedPage], RunningLines]:
    """The pages without their running headers, footers and page numbers: the
    text that is stored, searched and analysed."""
    running = running_lines_find([page.text for page in pages])
    bodies = [
        dataclasses.replace(page, text=body)
        for page, body in zip(pages, running.bodies(), strict=True)
    ]
    return bodies, running


def page_texts_for_storage(pages: list[ExtractedPage]) -> list[tuple[int, str]]:
    """(number, text) of each page as stored and searched, from the original or the
    public copy alike: without running headers, footers and page numbers."""
    bodies, _ = pages_without_running_lines(pages)
    return [(page.number, page.text) for page in bodies]


def document_pages_replace(*, document: ReviewDocument, texts: list[tuple[int, str]]) -> None:
    """Store a document's page texts (number, text) in place of the old ones, with their
    search vectors: the one place pages are written, from the original or the public copy."""
    document.pages.all().delete()
    DocumentPage.objects.bulk_create(
        (DocumentPage(document=document, number=number, text=text) for number, text in texts),
        batch_size=PAGE_BATCH_SIZE,
    )
    if connection.vendor == "postgresql":
        DocumentPage.objects.filter(document=document).update(
            search_vector=Func(Value("english"), F("text"), function="to_tsvector")
        )
