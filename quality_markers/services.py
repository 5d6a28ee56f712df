"""Quality Markers: writes. Each checks permission and validates before changing anything."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from collation.models import Review
from scr_platform.accounts.models import Board, User

from .choices import AssessmentStatus, Audience, Point, Rating, Usefulness
from .models import Assessment, BoardSharing, Framework, Marker, MarkerFeedback, MarkerRating
from .rules import can_assess, can_change_sharing, can_edit_assessment
from .selectors import assessment_markers, framework_current


@transaction.atomic
def framework_new_version(*, framework: Framework) -> Framework:
    """Start the next version as an unpublished copy of ``framework``, to be revised."""
    latest = Framework.objects.aggregate(latest=Max("version"))["latest"] or 0
    draft = Framework.objects.create(
        version=latest + 1, title=framework.title, source=framework.source
    )
    for marker in framework.markers.all():
        marker.pk = None
        marker.framework = draft
        marker.save()
    return draft


@transaction.atomic
def assessment_start(*, user: User, review: Review, point: str, audience: str) -> Assessment:
    """Start a draft against the current version of the framework."""
    if not can_assess(user, review):
        raise PermissionDenied("You cannot assess this review.")
    errors = {}
    if point not in Point.values:
        errors["point"] = "Choose when in the review this assessment is made."
    if audience not in Audience.values:
        errors["audience"] = "Choose whose perspective this assessment is made from."
    if errors:
        raise ValidationError(errors)
    framework = framework_current()
    if framework is None:
        raise ValidationError("No version of the Quality Markers has been published yet.")
    already = ValidationError(
        {"point": f"You have already started an assessment of {review.reference} at this point."}
    )
    if Assessment.objects.filter(review=review, point=point, author=user).exists():
        raise already
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                review=review, framework=framework, point=point, audience=audience, author=user
            )
    except IntegrityError:  # the same form sent twice at once
        raise already from None


@transaction.atomic
def rating_save(*, user: User, assessment: Assessment, marker: Marker, **answers) -> MarkerRating:
    """Save one marker's answer in a draft: rating, evidence, helped, hindered, actions."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(user, assessment):
        raise PermissionDenied("Only its author can change an assessment, and only as a draft.")
    if marker.framework_id != assessment.framework_id:
        raise ValidationError("That marker belongs to another version of the framework.")
    if answers.get("rating") not in Rating.values:
        raise ValidationError({"rating": "Choose whether the marker was met."})
    unknown = set(answers) - {"rating", "evidence", "helped", "hindered", "actions"}
    if unknown:
        raise ValueError(f"Not answer fields: {', '.join(sorted(unknown))}")
    rating, _ = MarkerRating.objects.update_or_create(
        assessment=assessment,
        marker=marker,
        defaults={key: (value or "").strip() for key, value in answers.items()},
    )
    assessment.save(update_fields=["updated_at"])
    return rating


@transaction.atomic
def assessment_submit(*, user: User, assessment: Assessment) -> Assessment:
    """Submit a draft once every marker shown first has an answer."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(user, assessment):
        raise PermissionDenied("Only its author can submit an assessment, and only once.")
    missing = assessment_markers(assessment=assessment).unanswered_first
    if missing:
        names = ", ".join(f"{marker.number}. {marker.title}" for marker in missing)
        raise ValidationError(f"Answer every marker for this point before submitting: {names}.")
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    return assessment


@transaction.atomic
def board_sharing_set(*, user: User, board: Board, shares_nationally: bool) -> BoardSharing:
    """Choose whether the board's submitted assessments count in the national summary."""
    if not can_change_sharing(user, board.pk):
        raise PermissionDenied("Only the board's managers can change what it shares.")
    sharing, _ = BoardSharing.objects.update_or_create(
        board=board, defaults={"shares_nationally": shares_nationally, "changed_by": user}
    )
    return sharing


def marker_feedback_create(
    *, user: User, marker: Marker, usefulness: str, comment: str
) -> MarkerFeedback:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Sign in to give feedback on a marker.")
    errors = {}
    if usefulness not in Usefulness.values:
        errors["usefulness"] = "Choose how useful the marker was."
    if not (comment or "").strip():
        errors["comment"] = "Enter your comment on the marker."
    if errors:
        raise ValidationError(errors)
    return MarkerFeedback.objects.create(
        marker=marker, author=user, usefulness=usefulness, comment=comment.strip()
    )
