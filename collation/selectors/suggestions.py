"""Reads on suggested codings: a page's, a document's, and which pages have some."""

from django.db.models import QuerySet

from ..choices import SuggestionStatus
from ..models import ReviewDocument, Suggestion


def document_suggestions(*, document: ReviewDocument) -> QuerySet[Suggestion]:
    """The document's pending suggestions, best first."""
    return (
        Suggestion.objects.filter(document=document, status=SuggestionStatus.PENDING)
        .select_related("issue")
        .prefetch_related("causes")
        .order_by("-score", "page", "pk")
    )


def page_suggestions(*, document: ReviewDocument, page: int) -> QuerySet[Suggestion]:
    return document_suggestions(document=document).filter(page=page)


def pages_with_suggestions(*, document: ReviewDocument) -> list[int]:
    """Pages that still have suggestions to decide, in order."""
    return sorted(set(document_suggestions(document=document).values_list("page", flat=True)))
