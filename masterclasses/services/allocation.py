"""Writes on allocation: run it (a preview), confirm it, and fill places freed by withdrawals.

The allocation itself is the pure ``masterclasses.allocation.allocate``; this
module feeds it from the database and stores its result as ``Place`` rows,
with the run's seed, so any run can be reproduced and checked by hand.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from scr_platform.accounts.models import User

from ..allocation import AllocationResult, Applicant, SessionPlaces, allocate
from ..choices import Choice, PlaceStatus, RoundStatus, RunStatus
from ..models import AllocationRun, Application, ApplicationRound, Place
from ..rules import can_allocate
from ..selectors.catalogue import round_is_open

MAX_SEED = 2**31 - 1


def _check_administrator(user: User) -> None:
    if not can_allocate(user):
        raise PermissionDenied("Only administrators run the masterclass allocation.")


def allocation_inputs(
    *, application_round: ApplicationRound
) -> tuple[list[SessionPlaces], list[Applicant]]:
    """The round's sessions and applications as the allocation's plain inputs.

    "Most active" is reviews led: those linked on the platform (any status; a
    review being led now is activity) plus those the profile says were led
    elsewhere. "Attended least" counts sessions attended in earlier rounds.
    """
    sessions = [
        SessionPlaces(id=session.pk, capacity=session.capacity)
        for session in application_round.sessions.order_by("pk")
    ]
    earlier = Q(reviewer__masterclass_attendances__attended=True) & ~Q(
        reviewer__masterclass_attendances__session__round=application_round
    )
    applications = (
        Application.objects.filter(round=application_round)
        .annotate(
            platform_reviews=Count("reviewer__led_reviews", distinct=True),
            other_reviews=Coalesce("reviewer__reviewer_profile__other_reviews_led", Value(0)),
            attended=Count("reviewer__masterclass_attendances", filter=earlier, distinct=True),
        )
        .order_by("pk")
    )
    applicants = [
        Applicant(
            id=application.pk,
            first_choice=application.first_choice_id,
            second_choice=application.second_choice_id,
            reviews_led=application.platform_reviews + application.other_reviews,
            attended=application.attended,
        )
        for application in applications
    ]
    return sessions, applicants


def _store(run: AllocationRun, result: AllocationResult) -> None:
    first_choice = dict(
        Application.objects.filter(round=run.round).values_list("pk", "first_choice_id")
    )
    rows = []
    for outcome in result.sessions.values():
        listed = [(pk, PlaceStatus.PLACED) for pk in outcome.placed] + [
            (pk, PlaceStatus.WAITING) for pk in outcome.waiting
        ]
        for position, (application_id, status) in enumerate(listed, start=1):
            choice = (
                Choice.FIRST
                if first_choice[application_id] == outcome.session_id
                else Choice.SECOND
            )
            rows.append(
                Place(
                    run=run,
                    application_id=application_id,
                    session_id=outcome.session_id,
                    choice=choice,
                    status=status,
                    position=position,
                )
            )
    # One insert for a whole round; the run itself is in the audit log.
    Place.objects.bulk_create(rows)


@transaction.atomic
def allocation_run(
    *, user: User, application_round: ApplicationRound, seed: int | None = None
) -> AllocationRun:
    """Run the allocation for a closed round and keep it as a preview to check."""
    _check_administrator(user)
    application_round = ApplicationRound.objects.select_for_update().get(pk=application_round.pk)
    if application_round.status == RoundStatus.ALLOCATED:
        raise ValidationError("Places in this round have already been confirmed.")
    if round_is_open(application_round):
        raise ValidationError(
            f"Applications are open until {application_round.closing_date:%-d %B %Y}. "
            "Close the round before running the allocation."
        )
    if seed is None:
        seed = secrets.randbelow(MAX_SEED)
    if not 0 <= seed <= MAX_SEED:
        raise ValidationError({"seed": f"Enter a seed between 0 and {MAX_SEED}."})
    sessions, applicants = allocation_inputs(application_round=application_round)
    if not applicants:
        raise ValidationError("Nobody has applied in this round, so there is nothing to allocate.")
    result = allocate(sessions=sessions, applicants=applicants, seed=seed)
    run = AllocationRun.objects.create(round=application_round, seed=seed, created_by=user)
    _store(run, result)
    return run


@transaction.atomic
def allocation_confirm(*, user: User, run: AllocationRun) -> AllocationRun:
    """Confirm a previewed run: reviewers now see their outcome; other previews are discarded."""
    _check_administrator(user)
    run = AllocationRun.objects.select_for_update().select_related("round").get(pk=run.pk)
    application_round = ApplicationRound.objects.select_for_update().get(pk=run.round_id)
    if run.status != RunStatus.DRAFT or application_round.status == RoundStatus.ALLOCATED:
        raise ValidationError("Only a preview of a round not yet allocated can be confirmed.")
    for other in application_round.runs.filter(status=RunStatus.DRAFT).exclude(pk=run.pk):
        other.status = RunStatus.DISCARDED
        other.save()
    run.status, run.confirmed_by, run.confirmed_at = RunStatus.CONFIRMED, user, timezone.now()
    run.save()
    application_round.status = RoundStatus.ALLOCATED
    application_round.save()
    return run


@transaction.atomic
def place_withdraw(*, user: User, place: Place) -> Place | None:
    """Withdraw from a place or a waiting list; a freed place goes to the next on the list.

    Returns the place given to the next person waiting, if any.
    """
    place = (
        Place.objects.select_for_update()
        .select_related("run", "session", "application")
        .get(pk=place.pk)
    )
    if place.application.reviewer_id != user.pk and not can_allocate(user):
        raise PermissionDenied("This is not your place.")
    if place.run.status != RunStatus.CONFIRMED:
        raise ValidationError("Places can be withdrawn once the allocation is confirmed.")
    if place.status == PlaceStatus.WITHDRAWN:
        raise ValidationError("You have already withdrawn from this session.")
    if place.session.date < timezone.localdate():
        raise ValidationError("This session has already taken place.")
    was_placed = place.status == PlaceStatus.PLACED
    place.status = PlaceStatus.WITHDRAWN
    place.save()
    if not was_placed:
        return None
    # Lock the session's list so two withdrawals cannot hand the same place on twice.
    waiting = (
        Place.objects.select_for_update()
        .filter(run=place.run, session=place.session, status=PlaceStatus.WAITING)
        .order_by("position")
        .first()
    )
    if waiting is None:
        return None
    waiting.status, waiting.from_waiting_list = PlaceStatus.PLACED, True
    waiting.save()
    return waiting
