"""Reads on reviews, documents, jobs and flags, as each user may see them.

Visibility comes from ``collation.visibility`` through the models' querysets
(``Review.objects.visible_to``, ``ReviewDocument.objects.visible_to``).
"""

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import user_roles

from ..choices import FlagStatus
from ..models import (
    PersonalDataFlag,
    ProcessingJob,
    Recommendation,
    Review,
    ReviewDocument,
)
from ..rules import sees_all_drafts


def review_list(*, user) -> QuerySet[Review]:
    """The reviews this user may see: published ones, plus those whose drafts they see."""
    return (
        Review.objects.visible_to(user)
        .select_related("board")
        .prefetch_related("abuse_categories", "agencies")
    )


def published_review_list() -> QuerySet[Review]:
    """Published reviews only: what the public sees, and what search covers."""
    return Review.objects.public().select_related("board")


def review_get(*, user, pk: int) -> Review:
    """One review the user may see, or 404 (a draft is never confirmed to exist)."""
    try:
        return review_list(user=user).get(pk=pk)
    except Review.DoesNotExist:
        raise Http404("No such review") from None


def document_list(*, user) -> QuerySet[ReviewDocument]:
    """The documents this user may see (replaced and held-back ones only with the drafts)."""
    return ReviewDocument.objects.visible_to(user)


def review_documents(*, user, review: Review) -> list[ReviewDocument]:
    """The review's documents this user may see, current first, with their jobs and counts."""
    return list(
        document_list(user=user)
        .filter(review=review)
        .select_related("job", "redaction_job")
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


def review_is_being_checked(*, review: Review) -> bool:
    """A current document is held back while new findings of personal data are checked."""
    return review.documents.filter(superseded_by__isnull=True, withheld_at__isnull=False).exists()


def review_recommendations(*, user, review: Review) -> QuerySet[Recommendation]:
    """Recommendations of the review's current documents that this user may see."""
    return Recommendation.objects.filter(
        document__in=document_list(user=user).filter(review=review, superseded_by__isnull=True)
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
    try:
        return (
            document_list(user=user)
            .select_related("review__board", "job")
            .get(pk=document_pk, review_id=review_pk)
        )
    except ReviewDocument.DoesNotExist:
        raise Http404("No such document") from None


def job_get(*, user, pk: int) -> ProcessingJob:
    """A processing job of a document the user may see, or 404."""
    job = (
        ProcessingJob.objects.select_related("document__review")
        .filter(pk=pk, document__in=document_list(user=user))
        .first()
    )
    if job is None:
        raise Http404("No such job")
    return job
