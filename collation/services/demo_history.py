"""Writing the demo's synthetic history (``collation.demo_history``) in one transaction.

Hundreds of reviews and their codings are written with ``bulk_create`` (a few
statements per table, not one per row), so ``make run`` sets up in seconds.
``bulk_create`` bypasses the model signals that move the public version
(``scr_platform.public_changes``): the full rebuild of the trend table that
ends the load moves it once, for everything written (``review_issues_rebuild``).

Each synthetic review is published, marked ``is_synthetic``, and carries its
codings on one document record with no file (status "Synthetic: no report"):
codings belong to a document, and this one is never processed, re-checked,
searched or shown to the public. Every coding was made by the demo analyst and
verified by a second one (agreed, or disputed and kept with a reason), so it
counts exactly as a real verified coding does.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Region
from scr_platform.accounts.demo import demo_board_name
from scr_platform.accounts.models import Board, User

from ..choices import CodingVerification, DocumentKind, DocumentStatus, ReviewStatus
from ..demo_history import EXCERPT, SyntheticReview, TaxonomyIssue, history_generate
from ..models import AbuseCategory, Agency, Cause, Coding, PracticeIssue, Review, ReviewDocument
from .trends import review_issues_rebuild

KEPT_REASON = "Synthetic demo data: the coder kept the issue, which the passage shows."
DISPUTED_REASON = "Synthetic demo data: the verifier read the passage as another issue."


@dataclass(frozen=True)
class HistoryOutcome:
    reviews: int
    codings: int
    created: bool  # False: the same history was already in place


def history_taxonomy() -> list[TaxonomyIssue]:
    """The live practice issues and their live causes, as the generator takes them."""
    causes: dict[int, list[str]] = {}
    for issue_id, text in Cause.objects.filter(retired_at__isnull=True).values_list(
        "issue_id", "text"
    ):
        causes.setdefault(issue_id, []).append(text)
    return [
        TaxonomyIssue(code, tuple(causes.get(pk, ())))
        for pk, code in PracticeIssue.objects.filter(retired_at__isnull=True).values_list(
            "pk", "code"
        )
    ]


def synthetic_history_load(*, publisher: User, coder: User, verifier: User) -> HistoryOutcome:
    """Put the synthetic history in place; leave it alone when it already is."""
    history = history_generate(
        issues=history_taxonomy(), agencies=list(Agency.objects.values_list("name", flat=True))
    )
    existing = set(Review.objects.filter(is_synthetic=True).values_list("reference", flat=True))
    codings = sum(len(review.codings) for review in history)
    if existing == {review.reference for review in history}:
        return HistoryOutcome(len(history), codings, created=False)
    with transaction.atomic():
        # Another version of the history (the taxonomy changed): replace it whole.
        Review.objects.filter(is_synthetic=True).delete()
        _write(history, publisher=publisher, coder=coder, verifier=verifier)
        review_issues_rebuild()  # moves the public version, once
    return HistoryOutcome(len(history), codings, created=True)


def _published_at(review: SyntheticReview) -> datetime:
    return timezone.make_aware(datetime.combine(review.publication_date, time(10)))


def _write(history: list[SyntheticReview], *, publisher, coder, verifier) -> None:
    boards = {label: Board.objects.get(name=demo_board_name(label)) for _, label in Region.choices}
    reviews = Review.objects.bulk_create(
        Review(
            board=boards[item.region],
            reference=item.reference,
            title=item.title,
            publication_date=item.publication_date,
            incident=item.incident,
            child_age_band=item.child_age_band,
            child_sex=item.child_sex,
            review_model=item.review_model,
            status=ReviewStatus.PUBLISHED,
            published_at=_published_at(item),
            published_by=publisher,
            created_by=publisher,
            is_synthetic=True,
        )
        for item in history
    )
    _write_lists(history, reviews)
    documents = ReviewDocument.objects.bulk_create(
        ReviewDocument(
            review=review,
            kind=DocumentKind.OVERVIEW_REPORT,
            original_filename=f"{review.reference} (synthetic: no report)",
            # Unique like a file's checksum, and never the checksum of a real file.
            sha256=hashlib.sha256(f"synthetic demo review {review.reference}".encode()).hexdigest(),
            size_bytes=0,
            page_count=0,
            status=DocumentStatus.SYNTHETIC,
            uploaded_by=publisher,
        )
        for review in reviews
    )
    _write_codings(history, documents, coder=coder, verifier=verifier)


def _write_lists(history: list[SyntheticReview], reviews: list[Review]) -> None:
    """The abuse categories and agencies, through their many-to-many tables."""
    categories = {category.code: category.pk for category in AbuseCategory.objects.all()}
    agencies = dict(Agency.objects.values_list("name", "pk"))
    through = Review.abuse_categories.through
    through.objects.bulk_create(
        through(review_id=review.pk, abusecategory_id=categories[code])
        for item, review in zip(history, reviews, strict=True)
        for code in item.abuse_categories
    )
    through = Review.agencies.through
    through.objects.bulk_create(
        through(review_id=review.pk, agency_id=agencies[name])
        for item, review in zip(history, reviews, strict=True)
        for name in item.agencies
    )


def _write_codings(history, documents, *, coder: User, verifier: User) -> None:
    issues = dict(PracticeIssue.objects.values_list("code", "pk"))
    causes = {
        (issue_id, text): pk
        for pk, issue_id, text in Cause.objects.values_list("pk", "issue_id", "text")
    }
    rows, cause_rows = [], []
    for item, document in zip(history, documents, strict=True):
        verified_at = _published_at(item) - timedelta(days=14)
        for coded in item.codings:
            disputed = coded.disputed_as is not None
            rows.append(
                Coding(
                    document=document,
                    page=1,
                    excerpt=EXCERPT,
                    issue_id=issues[coded.issue],
                    coder=coder,
                    verification=(
                        CodingVerification.RESOLVED if disputed else CodingVerification.AGREED
                    ),
                    verified_by=verifier,
                    verified_at=verified_at,
                    disagreement=DISPUTED_REASON if disputed else "",
                    proposed_issue_id=issues[coded.disputed_as] if disputed else None,
                    resolution=KEPT_REASON if disputed else "",
                    resolved_by=coder if disputed else None,
                    resolved_at=verified_at + timedelta(days=3) if disputed else None,
                )
            )
            cause_rows.append([causes[(issues[coded.issue], text)] for text in coded.causes])
    codings = Coding.objects.bulk_create(rows)
    through = Coding.causes.through
    through.objects.bulk_create(
        through(coding_id=coding.pk, cause_id=cause_id)
        for coding, cause_ids in zip(codings, cause_rows, strict=True)
        for cause_id in cause_ids
    )
