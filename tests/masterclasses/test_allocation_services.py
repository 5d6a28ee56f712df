"""Allocation through the services and the database: the LiPP's 146 reviewers, 4 × 20 places."""

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from masterclasses.choices import Choice, PlaceStatus, RoundStatus, RunStatus
from masterclasses.models import Attendance, Place, Session
from masterclasses.selectors.catalogue import places_of
from masterclasses.services.allocation import (
    allocation_confirm,
    allocation_inputs,
    allocation_run,
    place_withdraw,
)
from masterclasses.services.applications import application_save
from masterclasses.services.profiles import profile_save
from tests.factories import ReviewFactory
from tests.masterclasses.conftest import close, make_reviewers

pytestmark = pytest.mark.django_db

SEED = 20160201


@pytest.fixture
def lipp_round(application_round, sessions):
    """146 reviewers apply, demand uneven as in the LiPP; the round then closes."""
    rng = random.Random(146)
    for reviewer in make_reviewers(146):
        first = rng.choices(sessions, weights=[45, 35, 12, 8])[0]
        second = rng.choice([None, *[s for s in sessions if s != first]])
        application_save(
            user=reviewer,
            application_round=application_round,
            first_choice=first,
            second_choice=second,
        )
    close(application_round)
    return application_round


def outcome_rows(run):
    return sorted(
        Place.objects.filter(run=run).values_list(
            "application__reviewer__username", "session_id", "status", "position", "choice"
        )
    )


def test_a_run_on_the_lipps_scale_keeps_every_rule(lipp_round, sessions, administrator):
    run = allocation_run(user=administrator, application_round=lipp_round, seed=SEED)
    assert run.seed == SEED and run.status == RunStatus.DRAFT
    places = list(Place.objects.filter(run=run))
    placed = Counter(p.session_id for p in places if p.status == PlaceStatus.PLACED)
    assert all(placed[s.pk] <= s.capacity for s in sessions)
    assert sum(placed.values()) == 80  # every place used: demand exceeds supply
    for session in sessions:
        here = [p for p in places if p.session_id == session.pk]
        unmet_first = [p for p in here if p.choice == Choice.FIRST and p.status != "placed"]
        second_placed = [p for p in here if p.choice == Choice.SECOND and p.status == "placed"]
        assert not (unmet_first and second_placed), session
        # Positions on the list run 1..n without gaps.
        assert sorted(p.position for p in here) == list(range(1, len(here) + 1))


def test_the_same_seed_gives_the_same_places(lipp_round, administrator):
    first = allocation_run(user=administrator, application_round=lipp_round, seed=SEED)
    second = allocation_run(user=administrator, application_round=lipp_round, seed=SEED)
    other = allocation_run(user=administrator, application_round=lipp_round, seed=SEED + 1)
    assert outcome_rows(first) == outcome_rows(second)
    assert outcome_rows(first) != outcome_rows(other)


def test_confirming_shows_reviewers_their_outcome_and_discards_other_previews(
    lipp_round, administrator
):
    preview = allocation_run(user=administrator, application_round=lipp_round, seed=1)
    run = allocation_run(user=administrator, application_round=lipp_round, seed=SEED)
    some_place = Place.objects.filter(run=run).first()
    reviewer = some_place.application.reviewer
    assert not places_of(user=reviewer).exists()  # a preview is not shown to reviewers
    allocation_confirm(user=administrator, run=run)
    preview.refresh_from_db()
    lipp_round.refresh_from_db()
    assert preview.status == RunStatus.DISCARDED
    assert lipp_round.status == RoundStatus.ALLOCATED
    assert set(places_of(user=reviewer)) == set(
        Place.objects.filter(run=run, application__reviewer=reviewer)
    )
    with pytest.raises(ValidationError, match="already been confirmed"):
        allocation_run(user=administrator, application_round=lipp_round, seed=2)
    with pytest.raises(ValidationError, match="Only a preview"):
        allocation_confirm(user=administrator, run=preview)


def test_withdrawals_fill_from_the_waiting_list_in_order(lipp_round, sessions, administrator):
    run = allocation_run(user=administrator, application_round=lipp_round, seed=SEED)
    allocation_confirm(user=administrator, run=run)
    busiest = sessions[0]
    waiting = list(
        Place.objects.filter(run=run, session=busiest, status=PlaceStatus.WAITING).order_by(
            "position"
        )
    )
    assert len(waiting) > 3
    for expected_next in waiting[:3]:
        leaver = Place.objects.filter(run=run, session=busiest, status=PlaceStatus.PLACED).first()
        promoted = place_withdraw(user=leaver.application.reviewer, place=leaver)
        assert promoted.pk == expected_next.pk
        promoted.refresh_from_db()
        assert promoted.status == PlaceStatus.PLACED and promoted.from_waiting_list
        placed = Place.objects.filter(run=run, session=busiest, status=PlaceStatus.PLACED)
        assert placed.count() == busiest.capacity
    leaver.refresh_from_db()
    assert leaver.status == PlaceStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="already withdrawn"):
        place_withdraw(user=leaver.application.reviewer, place=leaver)


def test_a_freed_place_with_nobody_waiting_stays_free(application_round, sessions, administrator):
    reviewers = make_reviewers(3)
    for reviewer in reviewers:
        application_save(
            user=reviewer, application_round=application_round, first_choice=sessions[2]
        )
    close(application_round)
    run = allocation_run(user=administrator, application_round=application_round, seed=3)
    allocation_confirm(user=administrator, run=run)
    place = Place.objects.get(run=run, application__reviewer=reviewers[0])
    assert place_withdraw(user=reviewers[0], place=place) is None
    assert Place.objects.filter(run=run, status=PlaceStatus.PLACED).count() == 2


def test_leaving_a_waiting_list_gives_nobody_a_place(application_round, administrator):
    session = application_round.sessions.first()
    session.capacity = 1
    session.save()
    first, second = make_reviewers(2)
    for reviewer in (first, second):
        application_save(user=reviewer, application_round=application_round, first_choice=session)
    close(application_round)
    run = allocation_run(user=administrator, application_round=application_round, seed=5)
    allocation_confirm(user=administrator, run=run)
    waiting = Place.objects.get(run=run, status=PlaceStatus.WAITING)
    assert place_withdraw(user=waiting.application.reviewer, place=waiting) is None
    assert Place.objects.filter(run=run, status=PlaceStatus.PLACED).count() == 1


def test_only_the_reviewer_or_an_administrator_withdraws(
    application_round, sessions, administrator
):
    owner, other = make_reviewers(2)
    application_save(user=owner, application_round=application_round, first_choice=sessions[0])
    close(application_round)
    run = allocation_run(user=administrator, application_round=application_round, seed=1)
    place = Place.objects.get(run=run)
    with pytest.raises(ValidationError, match="once the allocation is confirmed"):
        place_withdraw(user=owner, place=place)
    allocation_confirm(user=administrator, run=run)
    with pytest.raises(PermissionDenied):
        place_withdraw(user=other, place=place)
    place_withdraw(user=administrator, place=place)


def test_a_past_session_cannot_be_withdrawn_from(application_round, sessions, administrator):
    (owner,) = make_reviewers(1)
    application_save(user=owner, application_round=application_round, first_choice=sessions[0])
    close(application_round)
    run = allocation_run(user=administrator, application_round=application_round, seed=1)
    allocation_confirm(user=administrator, run=run)
    Session.objects.filter(pk=sessions[0].pk).update(date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="already taken place"):
        place_withdraw(user=owner, place=Place.objects.get(run=run))


def test_the_allocation_waits_for_the_round_to_close(application_round, sessions, administrator):
    (reviewer,) = make_reviewers(1)
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    with pytest.raises(ValidationError, match="Close the round"):
        allocation_run(user=administrator, application_round=application_round)
    assert not application_round.runs.exists()


def test_a_round_nobody_applied_to_has_nothing_to_allocate(application_round, administrator):
    close(application_round)
    with pytest.raises(ValidationError, match="Nobody has applied"):
        allocation_run(user=administrator, application_round=application_round)


@pytest.mark.parametrize("who", ["manager", "reviewer", "analyst", "alliance_member"])
def test_only_administrators_allocate(who, request, application_round):
    close(application_round)
    with pytest.raises(PermissionDenied):
        allocation_run(user=request.getfixturevalue(who), application_round=application_round)


def test_a_seed_out_of_range_is_refused(application_round, sessions, administrator):
    (reviewer,) = make_reviewers(1)
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    close(application_round)
    with pytest.raises(ValidationError) as error:
        allocation_run(user=administrator, application_round=application_round, seed=-1)
    assert "seed" in error.value.message_dict


def test_activity_counts_platform_reviews_and_the_profile_and_attendance_earlier_rounds(
    application_round, sessions, topics, reviewer
):
    profile_save(
        user=reviewer,
        background="social_work",
        availability="available",
        visibility="boards",
        other_reviews_led=4,
    )
    ReviewFactory(lead_reviewer=reviewer)
    ReviewFactory(lead_reviewer=reviewer, publish=True)
    earlier = Session.objects.create(
        topic=topics[0],
        round=type(application_round).objects.create(
            title="Earlier", closing_date=timezone.localdate() - timedelta(days=400)
        ),
        date=timezone.localdate() - timedelta(days=360),
        venue="York",
    )
    Attendance.objects.create(session=earlier, reviewer=reviewer, attended=True)
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    _, (applicant,) = allocation_inputs(application_round=application_round)
    assert applicant.reviews_led == 6  # 4 elsewhere + 2 on the platform (draft or not)
    assert applicant.attended == 1
