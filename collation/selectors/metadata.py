"""A review's details as its report states them: proposals for the manager to check."""

from scr_platform.accounts.models import Board

from ..analysis.metadata import Proposal, metadata_propose
from ..choices import DocumentKind, DocumentStatus
from ..models import AbuseCategory, Agency, Review, ReviewDocument

# Proposal field -> the review form's field.
FORM_FIELDS = {
    "title": "title",
    "publication_date": "publication_date",
    "incident": "incident",
    "child_age_band": "child_age_band",
    "child_sex": "child_sex",
    "review_model": "review_model",
    "lead_reviewer": "lead_reviewer_name",
    "abuse_categories": "abuse_categories",
    "agencies": "agencies",
}


def document_metadata_proposals(*, document: ReviewDocument) -> dict[str, Proposal]:
    """The details found in the document's first pages, each with the page it stands on."""
    pages = list(document.pages.order_by("number").values_list("number", "text"))
    return metadata_propose(
        pages,
        boards=list(Board.objects.values_list("name", flat=True)),
        agencies=list(Agency.objects.values_list("name", flat=True)),
    )


def review_metadata_proposals(*, review: Review) -> dict[str, Proposal]:
    """Proposals from the review's main current document (the overview report first)."""
    documents = review.documents.filter(superseded_by__isnull=True, status=DocumentStatus.READY)
    document = documents.filter(kind=DocumentKind.OVERVIEW_REPORT).first() or documents.first()
    return {} if document is None else document_metadata_proposals(document=document)


def review_form_proposals(*, review: Review) -> tuple[dict, dict[str, Proposal]]:
    """(initial values for the review form's empty fields, the proposals by form field)."""
    initial, by_field = {}, {}
    for name, proposal in review_metadata_proposals(review=review).items():
        field = FORM_FIELDS.get(name)
        if field is None:
            continue
        by_field[field] = proposal
        if field == "abuse_categories":
            value = list(AbuseCategory.objects.filter(code__in=proposal.value))
            empty = not review.abuse_categories.exists()
        elif field == "agencies":
            value = list(Agency.objects.filter(name__in=proposal.value))
            empty = not review.agencies.exists()
        else:
            value, empty = proposal.value, not getattr(review, field)
        if empty:
            initial[field] = value
    return initial, by_field
