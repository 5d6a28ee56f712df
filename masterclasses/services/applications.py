"""Writes on application rounds and applications: reviewers apply by the closing date."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..choices import RoundStatus
from ..models import Application, ApplicationRound, Session
from ..rules import can_allocate, is_reviewer
from ..selectors.catalogue import round_is_open


def _refuse_if_closed(application_round: ApplicationRound) -> None:
    if not round_is_open(application_round):
        if application_round.closed_early_at is not None:
            closed = timezone.localtime(application_round.closed_early_at).date()
        else:
            closed = application_round.closing_date
        raise ValidationError(
            f"Applications for {application_round} closed on {closed:%-d %B %Y}. "
            "You can no longer apply or change your application."
        )


@transaction.atomic
def application_save(
    *,
    user: User,
    application_round: ApplicationRound,
    first_choice: Session,
    second_choice: Session | None = None,
) -> Application:
    """Apply for a round, or change the application, while it is open."""
    if not is_reviewer(user):
        raise PermissionDenied("Only lead reviewers apply for masterclasses.")
    application_round = ApplicationRound.objects.select_for_update().get(pk=application_round.pk)
    _refuse_if_closed(application_round)
    errors = {}
    if first_choice.round_id != application_round.pk:
        errors["first_choice"] = "Choose a session in this round."
    if second_choice is not None:
        if second_choice.round_id != application_round.pk:
            errors["second_choice"] = "Choose a session in this round."
        elif second_choice.topic_id == first_choice.topic_id:
            errors["second_choice"] = (
                "Choose a different masterclass for your second choice, or none."
            )
    if errors:
        raise ValidationError(errors)
    application = Application.objects.filter(round=application_round, reviewer=user).first()
    if application is None:
        application = Application(round=application_round, reviewer=user)
    application.first_choice, application.second_choice = first_choice, second_choice
    application.save()
    return application


@transaction.atomic
def application_cancel(*, user: User, application: Application) -> None:
    """Take back an application before the round closes (afterwards, withdraw from places)."""
    if application.reviewer_id != user.pk and not can_allocate(user):
        raise PermissionDenied("This is not your application.")
    _refuse_if_closed(application.round)
    application.delete()


@transaction.atomic
def round_close(*, user: User, application_round: ApplicationRound) -> ApplicationRound:
    """Stop taking applications now, before the closing date (administrators)."""
    if not can_allocate(user):
        raise PermissionDenied("Only administrators close a round.")
    application_round = ApplicationRound.objects.select_for_update().get(pk=application_round.pk)
    if application_round.status != RoundStatus.OPEN or not round_is_open(application_round):
        raise ValidationError("This round has already closed.")
    application_round.closed_early_at = timezone.now()
    application_round.save()
    return application_round
