"""Writes on reviews: register, correct, publish, withdraw."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import Board, User
from scr_platform.accounts.permissions import is_administrator

from ..choices import ReviewStatus
from ..models import AbuseCategory, Agency, Review
from ..rules import can_manage_review, can_register_review
from ..selectors.publication import review_publication_blockers

# Fields a manager may set when registering or correcting a review.
REVIEW_FIELDS = (
    "reference",
    "title",
    "publication_date",
    "incident",
    "child_age_band",
    "child_sex",
    "review_model",
    "lead_reviewer",
    "lead_reviewer_name",
)


def _check_reference_free(*, board: Board, reference: str, exclude_pk: int | None = None) -> None:
    clash = Review.objects.filter(board=board, reference__iexact=reference)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"reference": f"{board} already has a review with the reference {reference}."}
        )


@transaction.atomic
def review_create(
    *,
    user: User,
    board: Board,
    reference: str,
    title: str,
    incident: str,
    child_age_band: str,
    child_sex: str,
    publication_date: date | None = None,
    review_model: str = "",
    lead_reviewer: User | None = None,
    lead_reviewer_name: str = "",
    abuse_categories: Iterable[AbuseCategory] = (),
    agencies: Iterable[Agency] = (),
) -> Review:
    """Register a draft review for a board the user manages."""
    if not can_register_review(user):
        raise PermissionDenied("Only LSCB managers and administrators can register reviews.")
    if not is_administrator(user) and user.board_id != board.pk:
        raise PermissionDenied("You can only register reviews for your own board.")
    _check_reference_free(board=board, reference=reference)
    review = Review(
        board=board,
        reference=reference,
        title=title,
        publication_date=publication_date,
        incident=incident,
        child_age_band=child_age_band,
        child_sex=child_sex,
        review_model=review_model,
        lead_reviewer=lead_reviewer,
        lead_reviewer_name=lead_reviewer_name,
        created_by=user,
    )
    review.full_clean(exclude=["created_by"])
    review.save()
    review.abuse_categories.set(abuse_categories)
    review.agencies.set(agencies)
    return review


@transaction.atomic
def review_update(
    *,
    user: User,
    review: Review,
    abuse_categories: Iterable[AbuseCategory] | None = None,
    agencies: Iterable[Agency] | None = None,
    **fields,
) -> Review:
    """Correct a review's metadata; only the fields given change."""
    if not can_manage_review(user, review):
        raise PermissionDenied("You cannot change this review.")
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"Not review fields: {', '.join(sorted(unknown))}")
    if "reference" in fields:
        _check_reference_free(
            board=review.board, reference=fields["reference"], exclude_pk=review.pk
        )
    for name, value in fields.items():
        setattr(review, name, value)
    review.full_clean(exclude=["created_by"])
    review.save()
    if abuse_categories is not None:
        review.abuse_categories.set(abuse_categories)
    if agencies is not None:
        review.agencies.set(agencies)
    return review


@transaction.atomic
def review_publish(*, user: User, review: Review) -> Review:
    """Publish a draft or withdrawn review once every document is processed, every flag
    decided and every public copy made."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not can_manage_review(user, review):
        raise PermissionDenied("You cannot publish this review.")
    if review.status == ReviewStatus.PUBLISHED:
        raise ValidationError("This review is already published.")
    blockers = review_publication_blockers(review=review)
    if blockers:
        raise ValidationError(blockers)
    review.status = ReviewStatus.PUBLISHED
    review.published_at = timezone.now()
    review.published_by = user
    review.withdrawn_at, review.withdrawn_by, review.withdrawal_reason = None, None, ""
    if review.publication_date is None:
        review.publication_date = timezone.localdate()
    review.save()
    return review


@transaction.atomic
def review_withdraw(*, user: User, review: Review, reason: str) -> Review:
    """Take a published review back from the public at once, with the reason recorded.

    Its board, lead reviewer, analysts and administrators still see it; it can
    be published again.
    """
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not can_manage_review(user, review):
        raise PermissionDenied("You cannot withdraw this review.")
    if review.status != ReviewStatus.PUBLISHED:
        raise ValidationError("Only a published review can be withdrawn.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the review is being withdrawn."})
    review.status = ReviewStatus.WITHDRAWN
    review.withdrawn_at, review.withdrawn_by = timezone.now(), user
    review.withdrawal_reason = reason
    review.save()
    return review
