"""Writes on CPD logs: reviewers keep their own; attended masterclasses are added for them."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..choices import ActivityKind
from ..models import CpdActivity, Session
from ..rules import is_reviewer

MAX_HOURS = Decimal(500)


@transaction.atomic
def cpd_activity_save(
    *,
    user: User,
    date: date,
    title: str,
    kind: str,
    hours: Decimal,
    reflection: str = "",
    activity: CpdActivity | None = None,
) -> CpdActivity:
    """Add an activity to your CPD log, or change one of yours."""
    if not is_reviewer(user):
        raise PermissionDenied("Only lead reviewers keep a CPD log.")
    if activity is not None and activity.reviewer_id != user.pk:
        raise PermissionDenied("This is not your CPD log.")
    errors = {}
    if date > timezone.localdate():
        errors["date"] = "The date must be today or in the past."
    if not title.strip():
        errors["title"] = "Enter what the activity was."
    if kind not in ActivityKind.values:
        errors["kind"] = "Select the kind of activity."
    if not Decimal(0) < hours <= MAX_HOURS:
        errors["hours"] = f"Hours must be more than 0 and no more than {MAX_HOURS}."
    if errors:
        raise ValidationError(errors)
    if activity is None:
        activity = CpdActivity(reviewer=user)
    activity.date, activity.title, activity.kind = date, title.strip(), kind
    activity.hours, activity.reflection = hours, reflection.strip()
    activity.save()
    return activity


@transaction.atomic
def cpd_activity_delete(*, user: User, activity: CpdActivity) -> None:
    """Remove an activity from your CPD log (a masterclass you attended stays)."""
    if activity.reviewer_id != user.pk:
        raise PermissionDenied("This is not your CPD log.")
    if activity.session_id is not None:
        raise ValidationError(
            "A masterclass you attended stays in your log; you can change its reflection."
        )
    activity.delete()


def cpd_masterclass_add(*, reviewer: User, session: Session) -> CpdActivity:
    """Add an attended masterclass to the reviewer's log; adding it again changes nothing."""
    activity, _ = CpdActivity.objects.get_or_create(
        reviewer=reviewer,
        session=session,
        defaults={
            "date": session.date,
            "title": f"Masterclass: {session.topic.title}",
            "kind": ActivityKind.MASTERCLASS,
            "hours": session.cpd_hours,
        },
    )
    return activity


def cpd_masterclass_remove(*, reviewer: User, session: Session) -> None:
    """Take a masterclass out of the log when its attendance is corrected to "did not attend"."""
    for activity in CpdActivity.objects.filter(reviewer=reviewer, session=session):
        activity.delete()
