"""The allocation on the LiPP's own scale: 146 reviewers, four masterclasses of 20 places.

Each property is one a person could check by hand from the preview page.
"""

import random

import pytest

from masterclasses.allocation import Applicant, SessionPlaces, allocate

SEED = 20160201
SESSIONS = [SessionPlaces(id=number, capacity=20) for number in (1, 2, 3, 4)]


def lipp_applicants(seed: int = 146) -> list[Applicant]:
    """146 invented applications: demand uneven across the four, as it was.

    Systems thinking (1) and Group work (2) are oversubscribed on first
    choices; Legal approaches (3) and Qualitative research (4) are not, so
    places remain for second choices.
    """
    rng = random.Random(seed)
    applicants = []
    for number in range(1, 147):
        first = rng.choices([1, 2, 3, 4], weights=[45, 35, 12, 8])[0]
        second = rng.choice([None, *[s for s in (1, 2, 3, 4) if s != first]])
        applicants.append(
            Applicant(
                id=number,
                first_choice=first,
                second_choice=second,
                reviews_led=rng.randint(0, 15),
                attended=rng.choice([0, 0, 0, 1, 2]),
            )
        )
    return applicants


@pytest.fixture(scope="module")
def applicants():
    return lipp_applicants()


@pytest.fixture(scope="module")
def result(applicants):
    return allocate(sessions=SESSIONS, applicants=applicants, seed=SEED)


def by_id(applicants):
    return {applicant.id: applicant for applicant in applicants}


def test_the_scale_is_the_lipps(applicants, result):
    assert len(applicants) == 146
    assert sum(s.capacity for s in SESSIONS) == 80
    demand = {s.id: sum(1 for a in applicants if a.first_choice == s.id) for s in SESSIONS}
    # The invented demand does what it should: two oversubscribed, two with room.
    assert demand[1] > 20 and demand[2] > 20
    assert demand[3] < 20 and demand[4] < 20


def test_no_session_is_over_capacity(result):
    for outcome in result.sessions.values():
        assert len(outcome.placed) <= outcome.capacity
        assert len(set(outcome.placed)) == len(outcome.placed)


def test_first_choices_go_to_everyone_while_places_last(applicants, result):
    for session in SESSIONS:
        wanting = [a.id for a in applicants if a.first_choice == session.id]
        outcome = result.sessions[session.id]
        assert len(outcome.placed_first) == min(len(wanting), session.capacity)
        assert set(outcome.placed_first) <= set(wanting)
        if len(wanting) <= session.capacity:
            assert set(outcome.placed_first) == set(wanting)


def test_nobody_gets_a_second_choice_where_a_first_choice_went_unmet(applicants, result):
    people = by_id(applicants)
    for outcome in result.sessions.values():
        unmet_first = [
            pk for pk in outcome.waiting if people[pk].first_choice == outcome.session_id
        ]
        if unmet_first:
            assert outcome.placed_second == []
    # And second choices did fill the places first choices left.
    filled_by_second = sum(len(o.placed_second) for o in result.sessions.values())
    assert filled_by_second > 0


def test_places_are_used_before_anyone_waits_for_them(result):
    for outcome in result.sessions.values():
        if outcome.waiting:
            assert outcome.places_left == 0


def test_an_oversubscribed_draw_favours_those_who_attended_least(applicants, result):
    people = by_id(applicants)
    for outcome in result.sessions.values():
        unmet = [
            people[pk] for pk in outcome.waiting if people[pk].first_choice == outcome.session_id
        ]
        if not unmet:
            continue
        placed = [people[pk] for pk in outcome.placed_first]
        assert max(a.attended for a in placed) <= min(a.attended for a in unmet)


def test_second_choices_go_to_those_without_a_place_then_the_most_active(applicants, result):
    people = by_id(applicants)
    first_placed = {pk for o in result.sessions.values() for pk in o.placed_first}
    for outcome in result.sessions.values():
        second_waiting = [
            people[pk] for pk in outcome.waiting if people[pk].second_choice == outcome.session_id
        ]
        for winner in (people[pk] for pk in outcome.placed_second):
            for loser in second_waiting:
                winner_had_none = winner.id not in first_placed
                loser_had_none = loser.id not in first_placed
                assert winner_had_none or not loser_had_none
                if winner_had_none == loser_had_none:
                    assert winner.reviews_led >= loser.reviews_led


def test_the_waiting_list_puts_unmet_first_choices_before_second_choices(applicants, result):
    people = by_id(applicants)
    for outcome in result.sessions.values():
        kinds = [people[pk].first_choice == outcome.session_id for pk in outcome.waiting]
        assert kinds == sorted(kinds, reverse=True)


def test_everyone_is_accounted_for(applicants, result):
    placed = {pk for o in result.sessions.values() for pk in o.placed}
    assert placed | set(result.unplaced) == {a.id for a in applicants}
    assert not placed & set(result.unplaced)
    # Unplaced people are on the waiting list of their first choice.
    for pk in result.unplaced:
        first = by_id(applicants)[pk].first_choice
        assert pk in result.sessions[first].waiting


def test_the_same_seed_gives_the_same_result_whatever_the_input_order(applicants, result):
    shuffled = list(applicants)
    random.Random(1).shuffle(shuffled)
    again = allocate(sessions=SESSIONS, applicants=shuffled, seed=SEED)
    for session_id, outcome in result.sessions.items():
        assert again.sessions[session_id].placed_first == outcome.placed_first
        assert again.sessions[session_id].placed_second == outcome.placed_second
        assert again.sessions[session_id].waiting == outcome.waiting
    assert again.unplaced == result.unplaced


def test_a_different_seed_can_give_a_different_draw(applicants, result):
    other = allocate(sessions=SESSIONS, applicants=applicants, seed=SEED + 1)
    assert any(
        set(other.sessions[s].placed_first) != set(result.sessions[s].placed_first)
        for s in result.sessions
    )


def test_a_small_case_by_hand():
    # Session 1 has 2 places and 4 first choices; session 2 has 3 places and 1 first choice.
    applicants = [
        Applicant(id=1, first_choice=1, second_choice=2, reviews_led=1, attended=2),
        Applicant(id=2, first_choice=1, second_choice=None, reviews_led=0, attended=0),
        Applicant(id=3, first_choice=1, second_choice=2, reviews_led=9, attended=0),
        Applicant(id=4, first_choice=2, second_choice=1, reviews_led=20, attended=0),
        Applicant(id=5, first_choice=1, second_choice=2, reviews_led=3, attended=1),
    ]
    result = allocate(
        sessions=[SessionPlaces(1, 2), SessionPlaces(2, 3)], applicants=applicants, seed=7
    )
    # Session 1: 2 and 3 never attended, so they win the draw over 5 (once) and 1 (twice).
    assert sorted(result.sessions[1].placed_first) == [2, 3]
    assert result.sessions[1].waiting[:2] == [5, 1]  # fewest attended first
    # Session 2: 4 by first choice; two places left for second choices: 1 and 5 have no
    # place yet so they come before 3 (who has one), whatever 3's activity.
    assert result.sessions[2].placed_first == [4]
    assert result.sessions[2].placed_second == [5, 1]  # 5 led more reviews than 1
    assert result.sessions[2].waiting == [3]
    # 4's second choice is session 1, which was full on first choices.
    assert result.sessions[1].waiting == [5, 1, 4]
    assert result.unplaced == []


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown session"):
        allocate(sessions=SESSIONS, applicants=[Applicant(id=1, first_choice=9)], seed=1)
    with pytest.raises(ValueError, match="same session twice"):
        allocate(
            sessions=SESSIONS, applicants=[Applicant(1, first_choice=1, second_choice=1)], seed=1
        )
    with pytest.raises(ValueError, match="once"):
        allocate(sessions=SESSIONS, applicants=[Applicant(1, 1), Applicant(1, 2)], seed=1)
