"""What waits for someone: a board's flags, documents and drafts; an analyst's suggestions.

Each read is one query (the drafts ready to publish four, through the
publication gate), however much there is, for the dashboard.
"""

from django.db.models import Count, Min, Q, QuerySet

from ..choices import DocumentStatus, FlagStatus, ReviewStatus, SuggestionStatus
from ..models import Review, ReviewDocument
from .publication import reviews_publication_blockers
from .reviews import document_list

# Documents that need their board: still being read, or unreadable (to be replaced).
DOCUMENTS_NEEDING_ATTENTION = (
    DocumentStatus.PROCESSING,
    DocumentStatus.FAILED,
    DocumentStatus.NO_TEXT,
)


def board_reviews_with_open_flags(*, board_id: int) -> QuerySet[Review]:
    """The board's reviews with possible personal data to check on a current document,
    most flags first (``open_flags``)."""
    return (
        Review.objects.filter(board_id=board_id)
        .annotate(
            open_flags=Count(
                "documents__personal_data_flags",
                filter=Q(
                    documents__superseded_by__isnull=True,
                    documents__personal_data_flags__status=FlagStatus.OPEN,
                ),
            )
        )
        .filter(open_flags__gt=0)
        .order_by("-open_flags", "reference", "pk")
    )


def board_documents_needing_attention(*, board_id: int) -> QuerySet[ReviewDocument]:
    """The board's current documents being processed, failed or scanned without text,
    the unreadable first, with their review and job."""
    return (
        ReviewDocument.objects.filter(
            review__board_id=board_id,
            superseded_by__isnull=True,
            status__in=DOCUMENTS_NEEDING_ATTENTION,
        )
        .select_related("review", "job")
        .order_by("status", "-uploaded_at", "pk")
    )


def board_drafts_ready_to_publish(*, board_id: int) -> list[Review]:
    """The board's drafts that the publication gate would let through now."""
    drafts = list(
        Review.objects.filter(board_id=board_id, status=ReviewStatus.DRAFT).order_by(
            "reference", "pk"
        )
    )
    blockers = reviews_publication_blockers(drafts)
    return [review for review in drafts if not blockers[review.pk]]


def documents_with_suggestions(*, user) -> QuerySet[ReviewDocument]:
    """Current documents the user may see (and so code) with suggested codings still to
    decide: ``pending`` of them, from ``first_page``; most first."""
    pending = Q(suggestions__status=SuggestionStatus.PENDING)
    return (
        document_list(user=user)
        .filter(superseded_by__isnull=True)
        .annotate(
            pending=Count("suggestions", filter=pending),
            first_page=Min("suggestions__page", filter=pending),
        )
        .filter(pending__gt=0)
        .select_related("review")
        .order_by("-pending", "review__reference", "pk")
    )
