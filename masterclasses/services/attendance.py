"""Writes on attendance and feedback: attending adds the masterclass to the CPD log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..choices import Agreement, PlaceStatus, RunStatus
from ..models import FEEDBACK_QUESTIONS, Attendance, Feedback, Place, Session
from ..rules import can_allocate
from .cpd import cpd_masterclass_add, cpd_masterclass_remove


@transaction.atomic
def attendance_record(*, user: User, session: Session, attended: dict[int, bool]) -> int:
    """Record who attended a session (by reviewer id); returns how many were recorded.

    Only reviewers placed on the session may be recorded, from the session's
    day on. Attending adds the masterclass to the reviewer's CPD log (once);
    correcting it to "did not attend" takes that entry out again.
    """
    if not can_allocate(user):
        raise PermissionDenied("Only administrators record attendance.")
    if session.date > timezone.localdate():
        raise ValidationError(
            f"You can record attendance from the day of the session ({session.date:%-d %B %Y})."
        )
    placed = set(
        Place.objects.filter(
            session=session, run__status=RunStatus.CONFIRMED, status=PlaceStatus.PLACED
        ).values_list("application__reviewer_id", flat=True)
    )
    strays = set(attended) - placed
    if strays:
        raise ValidationError(
            "Attendance can only be recorded for reviewers placed on the session."
        )
    existing = {row.reviewer_id: row for row in Attendance.objects.filter(session=session)}
    for reviewer_id, came in attended.items():
        row = existing.get(reviewer_id)
        if row is None:
            row = Attendance(session=session, reviewer_id=reviewer_id, attended=came)
        elif row.attended == came:
            continue
        row.attended, row.recorded_by = came, user
        row.save()
        reviewer = row.reviewer
        if came:
            cpd_masterclass_add(reviewer=reviewer, session=session)
        else:
            cpd_masterclass_remove(reviewer=reviewer, session=session)
    return len(attended)


@transaction.atomic
def feedback_save(
    *,
    user: User,
    session: Session,
    skills: str,
    ideas: str,
    ongoing: str,
    most_helpful: str = "",
    improve: str = "",
) -> Feedback:
    """Give feedback on a session you attended, or change it: once per session."""
    if not Attendance.objects.filter(session=session, reviewer=user, attended=True).exists():
        raise PermissionDenied("Only those who attended a session give feedback on it.")
    answers = {"skills": skills, "ideas": ideas, "ongoing": ongoing}
    errors = {
        name: f"Select how far you agree: {FEEDBACK_QUESTIONS[name].lower()}."
        for name, value in answers.items()
        if value not in Agreement.values
    }
    if errors:
        raise ValidationError(errors)
    feedback = Feedback.objects.filter(session=session, reviewer=user).first()
    if feedback is None:
        feedback = Feedback(session=session, reviewer=user)
    for name, value in answers.items():
        setattr(feedback, name, value)
    feedback.most_helpful, feedback.improve = most_helpful.strip(), improve.strip()
    feedback.save()
    return feedback
