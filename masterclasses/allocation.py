"""Masterclass allocation: a pure function from applications and places to a result.

The LiPP invited 146 lead reviewers to four one-day masterclasses of 20
places: "first choices were allocated to everyone, and second choices were
offered, if there was space, to the most active lead reviewers". A second
choice is therefore a *further* masterclass (a different topic), not a
fallback, and this module follows that, in two rounds:

1. **First choices.** Every applicant is placed on their first-choice session
   while its places last. If a session is oversubscribed, a draw decides:
   applicants who have attended fewest masterclasses before come first, and
   ties are broken by a random number drawn once per applicant from
   ``random.Random(seed)``, so the same seed always gives the same result.
2. **Second choices.** Places left after round 1 go to applicants' second
   choices. Applicants with no place yet come first (so nobody gets two
   masterclasses while another who applied gets none), then the most active
   reviewers (most reviews led), then those who attended least, then the draw.

A session oversubscribed on first choices has no places left in round 2, so
nobody is given a second choice on a session where someone's first choice
went unmet. Each session keeps a waiting list of those who chose it and were
not placed: unmet first choices first (in draw order), then unmet second
choices (in round-2 order). When a place comes free, the next on that
session's waiting list takes it.

Everything here is plain data: no database, no Django. The services build
the inputs from the models and store the result.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SessionPlaces:
    """A session and how many places it has."""

    id: int
    capacity: int


@dataclass(frozen=True)
class Applicant:
    """One application: whose it is, the sessions chosen and the figures the order uses.

    ``reviews_led`` measures how active a reviewer is; ``attended`` is how many
    masterclass sessions they attended before this round.
    """

    id: int
    first_choice: int
    second_choice: int | None = None
    reviews_led: int = 0
    attended: int = 0


@dataclass
class SessionOutcome:
    """Who was placed on a session, by which choice, and who waits, in order."""

    session_id: int
    capacity: int
    placed_first: list[int] = field(default_factory=list)
    placed_second: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)

    @property
    def placed(self) -> list[int]:
        return self.placed_first + self.placed_second

    @property
    def places_left(self) -> int:
        return self.capacity - len(self.placed)


@dataclass
class AllocationResult:
    """The whole allocation: per session, plus applicants given no place at all."""

    seed: int
    sessions: dict[int, SessionOutcome]
    unplaced: list[int]

    def places_of(self, applicant_id: int) -> list[int]:
        """The sessions an applicant was placed on."""
        return [s.session_id for s in self.sessions.values() if applicant_id in s.placed]


def draw_numbers(applicants: list[Applicant], seed: int) -> dict[int, float]:
    """One random number per applicant, in id order, so input order does not matter."""
    rng = random.Random(seed)
    return {applicant.id: rng.random() for applicant in sorted(applicants, key=lambda a: a.id)}


def allocate(
    *, sessions: list[SessionPlaces], applicants: list[Applicant], seed: int
) -> AllocationResult:
    """Allocate places: first choices to everyone while places last, then second choices."""
    outcomes = {s.id: SessionOutcome(session_id=s.id, capacity=s.capacity) for s in sessions}
    ids = [applicant.id for applicant in applicants]
    if len(set(ids)) != len(ids):
        raise ValueError("Each applicant may apply once.")
    for applicant in applicants:
        if applicant.first_choice not in outcomes:
            raise ValueError(f"Applicant {applicant.id} chose an unknown session.")
        if applicant.second_choice is not None and applicant.second_choice not in outcomes:
            raise ValueError(f"Applicant {applicant.id} chose an unknown second session.")
        if applicant.second_choice == applicant.first_choice:
            raise ValueError(f"Applicant {applicant.id} chose the same session twice.")
    draw = draw_numbers(applicants, seed)

    # Round 1: first choices; an oversubscribed session is decided by the draw.
    by_first: dict[int, list[Applicant]] = defaultdict(list)
    for applicant in applicants:
        by_first[applicant.first_choice].append(applicant)
    placed: set[int] = set()
    for session_id, wanting in by_first.items():
        outcome = outcomes[session_id]
        wanting.sort(key=lambda a: (a.attended, draw[a.id]))
        chosen = wanting[: outcome.capacity]
        outcome.placed_first = [a.id for a in chosen]
        outcome.waiting = [a.id for a in wanting[outcome.capacity :]]
        placed.update(outcome.placed_first)

    # Round 2: second choices, into the places round 1 left.
    second = [a for a in applicants if a.second_choice is not None]
    second.sort(key=lambda a: (a.id in placed, -a.reviews_led, a.attended, draw[a.id]))
    for applicant in second:
        outcome = outcomes[applicant.second_choice]
        if outcome.places_left > 0:
            outcome.placed_second.append(applicant.id)
            placed.add(applicant.id)
        else:
            outcome.waiting.append(applicant.id)

    unplaced = [a.id for a in sorted(applicants, key=lambda a: a.id) if a.id not in placed]
    return AllocationResult(seed=seed, sessions=outcomes, unplaced=unplaced)
