"""A document's page text as stored and searched: from the original when it is processed,
from the public copy once it is made. The one place pages are written."""

import dataclasses

from django.db import connection

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
    if connection.vendor == "postgresql":
        _pages_insert_with_vectors(document.pk, texts)
        return
    DocumentPage.objects.bulk_create(
        (DocumentPage(document=document, number=number, text=text) for number, text in texts),
        batch_size=PAGE_BATCH_SIZE,
    )


def _pages_insert_with_vectors(document_id: int, texts: list[tuple[int, str]]) -> None:
    # One INSERT per batch computing each page's vector as it is written: inserting
    # and then updating every row wrote each page (and its TOASTed text) twice.
    table = DocumentPage._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(texts), PAGE_BATCH_SIZE):
            batch = texts[start : start + PAGE_BATCH_SIZE]
            cursor.execute(
                f"INSERT INTO {table} (document_id, number, text, search_vector) "
                "SELECT %s, page.number, page.text, to_tsvector('english', page.text) "
                "FROM unnest(%s::integer[], %s::text[]) AS page (number, text)",
                [document_id, [number for number, _ in batch], [text for _, text in batch]],
            )
