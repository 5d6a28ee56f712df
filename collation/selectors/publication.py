"""The publication gate: why a review cannot be published yet, read for one review or many.

Publishing (``services.reviews.review_publish``), the publish page, the import
and the dashboard's "drafts ready to publish" all ask this one rule. For many
reviews it answers in three queries, however many reviews and documents.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count

from ..choices import DocumentStatus, FlagStatus, RedactionStatus
from ..models import PersonalDataFlag, RedactionJob, Review, ReviewDocument


def public_copy_is_current(document: ReviewDocument) -> bool:
    """The public copy exists and carries every decision made so far."""
    return bool(document.public_copy) and (document.public_copy_digest == document.redaction_digest)


def reviews_publication_blockers(reviews: Iterable[Review]) -> dict[int, list[str]]:
    """For each review (by id), why it cannot be published yet; an empty list if it can."""
    review_ids = [review.pk for review in reviews]
    documents = defaultdict(list)
    for document in ReviewDocument.objects.filter(
        review_id__in=review_ids, superseded_by__isnull=True
    ):
        documents[document.review_id].append(document)
    open_flags = dict(
        PersonalDataFlag.objects.filter(
            document__review_id__in=review_ids,
            document__superseded_by__isnull=True,
            status=FlagStatus.OPEN,
        )
        .values_list("document__review_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    copies_waiting = [
        document
        for review_id in review_ids
        if not open_flags.get(review_id)
        for document in documents[review_id]
        if document.status == DocumentStatus.READY and not public_copy_is_current(document)
    ]
    jobs = RedactionJob.objects.in_bulk(
        [document.pk for document in copies_waiting], field_name="document_id"
    )
    return {
        review_id: _blockers(documents[review_id], open_flags.get(review_id, 0), jobs)
        for review_id in review_ids
    }


def review_publication_blockers(*, review: Review) -> list[str]:
    """Why a review cannot be published yet, as sentences for the manager; empty if it can."""
    return reviews_publication_blockers([review])[review.pk]


def _blockers(documents: list[ReviewDocument], open_flags: int, jobs: dict) -> list[str]:
    blockers = []
    if not documents:
        blockers.append("Upload at least one document, such as the overview report.")
    for document in documents:
        if document.status == DocumentStatus.PROCESSING:
            blockers.append(f"{document} is still being processed.")
        elif document.status == DocumentStatus.FAILED:
            blockers.append(f"{document} could not be processed. Replace it with a readable copy.")
        elif document.status == DocumentStatus.NO_TEXT:
            blockers.append(
                f"{document} has no text layer (it looks scanned), so it cannot be checked for "
                "personal data. Replace it with a PDF that contains text."
            )
        elif not open_flags and not public_copy_is_current(document):
            blockers.append(_public_copy_blocker(document, jobs.get(document.pk)))
    if open_flags:
        blockers.append(
            f"{open_flags} possible personal data "
            f"{'item needs' if open_flags == 1 else 'items need'} checking."
        )
    return blockers


def _public_copy_blocker(document: ReviewDocument, job: RedactionJob | None) -> str:
    if job is not None and job.status == RedactionStatus.FAILED:
        return f"The public copy of {document} could not be made: {job.message}"
    return (
        f"The public copy of {document}, with the redactions you chose, is being made. "
        "This takes a few seconds."
    )
