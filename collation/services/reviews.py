"""Writes on reviews: register, correct, clear personal data, publish."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import Board, User
from scr_platform.accounts.permissions import is_administrator

from ..choices import DocumentStatus, FlagStatus, ReviewStatus
from ..models import AbuseCategory, Agency, PersonalDataFlag, Review
from ..rules import can_manage_review, can_register_review
from .trends import trends_changed

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
    if review.is_published:
        # Its date, incident, age band, model or agencies place it in the figures.
        trends_changed()
    return review


def review_publication_blockers(*, review: Review) -> list[str]:
    """Why a review cannot be published yet, as sentences for the manager; empty if it can."""
    documents = list(review.documents.filter(superseded_by__isnull=True))
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
    open_flags = PersonalDataFlag.objects.filter(
        document__review=review, document__superseded_by__isnull=True, status=FlagStatus.OPEN
    ).count()
    if open_flags:
        blockers.append(
            f"{open_flags} possible personal data "
            f"{'item needs' if open_flags == 1 else 'items need'} checking."
        )
    return blockers


@transaction.atomic
def review_publish(*, user: User, review: Review) -> Review:
    """Publish a review once every document is processed and every flag resolved."""
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
    if review.publication_date is None:
        review.publication_date = timezone.localdate()
    review.save()
    trends_changed()
    return review


@transaction.atomic
def review_unpublish(*, user: User, review: Review) -> Review:
    """Withdraw a published review back to draft, e.g. to correct it."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not can_manage_review(user, review):
        raise PermissionDenied("You cannot withdraw this review.")
    if review.status != ReviewStatus.PUBLISHED:
        raise ValidationError("This review is not published.")
    review.status = ReviewStatus.DRAFT
    review.published_at = None
    review.published_by = None
    review.save()
    trends_changed()
    return review


@transaction.atomic
def flag_clear(*, user: User, flag: PersonalDataFlag, reason: str) -> PersonalDataFlag:
    """Mark a flag as not personal data, with the reason recorded."""
    flag = (
        PersonalDataFlag.objects.select_for_update()
        .select_related("document__review")
        .get(pk=flag.pk)
    )
    if not can_manage_review(user, flag.document.review):
        raise PermissionDenied("You cannot clear personal data flags on this review.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this is not personal data."})
    if flag.status != FlagStatus.OPEN:
        raise ValidationError("This flag has already been resolved.")
    flag.status = FlagStatus.NOT_PERSONAL
    flag.reason = reason
    flag.resolved_by = user
    flag.resolved_at = timezone.now()
    flag.save()
    return flag
