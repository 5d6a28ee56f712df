"""Every public coding as CSV (``CODING_COLUMNS``), one row per coding."""

from django.db.models import QuerySet
from django.utils import timezone

from scr_platform.spreadsheet import csv_writer

from ...choices import CodingVerification
from ...models import Coding

CODING_COLUMNS = (
    "review_reference",
    "review_title",
    "document",
    "page",
    "issue_code",
    "issue_title",
    "causes",
    "excerpt",
    "coded_on",
    "verified_on",
)
CAUSE_SEPARATOR = "; "


def public_codings() -> QuerySet[Coding]:
    """The codings that may leave the platform, with what the exports show of them."""
    return (
        Coding.objects.public()
        .select_related("issue", "document__review")
        .prefetch_related("causes")
        .order_by("document__review__reference", "document__review_id", "document_id", "page", "pk")
    )


def verified_on(coding: Coding):
    """When the coding started to count: agreed, or its disagreement resolved."""
    if coding.verification == CodingVerification.RESOLVED and coding.resolved_at:
        return timezone.localdate(coding.resolved_at)
    return timezone.localdate(coding.verified_at) if coding.verified_at else ""


def codings_csv(stream) -> None:
    """Write every public coding as CSV to a text stream (no coder, no note)."""
    writer = csv_writer(stream)
    writer.writerow(CODING_COLUMNS)
    for coding in public_codings().iterator(chunk_size=1000):
        review, document = coding.document.review, coding.document
        writer.writerow(
            [
                review.reference,
                review.title,
                document.get_kind_display(),
                coding.page,
                coding.issue.code,
                coding.issue.title,
                CAUSE_SEPARATOR.join(cause.text for cause in coding.causes.all()),
                coding.excerpt,
                timezone.localdate(coding.created_at),
                verified_on(coding),
            ]
        )
