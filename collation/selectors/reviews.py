"""Reads on reviews, documents, jobs and flags, as each user may see them."""

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import user_roles

from ..choices import FlagStatus, ReviewStatus
from ..models import (
    PersonalDataFlag,
    ProcessingJob,
    Recommendation,
    Review,
    ReviewDocument,
)
from ..rules import sees_all_drafts


def review_list(*, user) -> QuerySet[Review]:
    """The reviews this user may see: published ones, plus the drafts the rules allow."""
    reviews = Review.objects.select_related("board").prefetch_related(
        "abuse_categories", "agencies"
    )
    if sees_all_drafts(user):
        return reviews
    visible = Q(status=ReviewStatus.PUBLISHED)
    roles = user_roles(user)
    if Role.LSCB_MANAGER in roles and user.board_id is not None:
        visible |= Q(board_id=user.board_id)
    if Role.LEAD_REVIEWER in roles:
        visible |= Q(lead_reviewer_id=user.pk)
    return reviews.filter(visible)


def published_review_list() -> QuerySet[Review]:
    """Published reviews only: what the public sees, and what search covers."""
    return Review.objects.filter(status=ReviewStatus.PUBLISHED).select_related("board")


def review_get(*, user, pk: int) -> Review:
    """One review the user may see, or 404 (a draft is never confirmed to exist)."""
    try:
        return review_list(user=user).get(pk=pk)
    except Review.DoesNotExist:
        raise Http404("No such review") from None


def review_documents(*, review: Review) -> list[ReviewDocument]:
    """The review's documents, current first, with their jobs and counts."""
    return list(
        review.documents.select_related("job")
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            open_flag_count=Count(
                "personal_data_flags",
                filter=Q(personal_data_flags__status=FlagStatus.OPEN),
                distinct=True,
            ),
        )
        .order_by(F("superseded_by").asc(nulls_first=True), "kind", "uploaded_at")
    )


def review_recommendations(*, review: Review) -> QuerySet[Recommendation]:
    """Recommendations of the review's current documents."""
    return Recommendation.objects.filter(
        document__review=review, document__superseded_by__isnull=True
    ).select_related("agency", "document")


def review_flags(*, review: Review) -> QuerySet[PersonalDataFlag]:
    """Personal data flags on the review's current documents, open ones first."""
    return (
        PersonalDataFlag.objects.filter(
            document__review=review, document__superseded_by__isnull=True
        )
        .select_related("document", "resolved_by")
        .order_by(F("status").desc(), "document", "page", "pk")
    )


def flag_list(*, user) -> QuerySet[PersonalDataFlag]:
    """The flags this user may read: analysts and admins all; managers their board's."""
    flags = PersonalDataFlag.objects.select_related("document__review")
    if sees_all_drafts(user):
        return flags
    if Role.LSCB_MANAGER in user_roles(user) and user.board_id is not None:
        return flags.filter(document__review__board_id=user.board_id)
    return flags.none()


def document_get(*, user, review_pk: int, document_pk: int) -> ReviewDocument:
    """A document of a review the user may see, or 404."""
    review = review_get(user=user, pk=review_pk)
    try:
        return review.documents.select_related("review__board", "job").get(pk=document_pk)
    except ReviewDocument.DoesNotExist:
        raise Http404("No such document") from None


def job_get(*, user, pk: int) -> ProcessingJob:
    """A processing job of a document the user may see, or 404."""
    job = ProcessingJob.objects.select_related("document__review").filter(pk=pk).first()
    if job is None or not review_list(user=user).filter(pk=job.document.review_id).exists():
        raise Http404("No such job")
    return job
