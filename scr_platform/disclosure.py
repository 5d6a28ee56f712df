"""Public figures built from private data: shown only when no board could be picked out.

A figure the public sees (a count, a share) that is drawn from records only
their owners may read — boards' self-assessments, say — is shown only when it
rests on at least ``MIN_BOARDS`` boards and ``MIN_RECORDS`` records. Fewer,
and a board could recognise another's answers (with two boards, each can
subtract its own), or the figure could be matched to one review. Otherwise it
is hidden and the page says why (``hidden_reason``).

Each figure is judged on what *it* rests on, not the page's totals: a marker
rated in enough assessments is shown beside one rated in too few. Where shown
figures add up to another, hide enough of them that a hidden one cannot be
worked out by subtraction (see ``quality_markers.selectors.national_summary``).

This is the rule for every public aggregate of private data: use it, don't
repeat the numbers.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field

MIN_BOARDS = 3
MIN_RECORDS = 5


def figure_may_be_shown(*, boards: int, records: int) -> bool:
    """Whether a public figure resting on this many boards and records may be shown."""
    return boards >= MIN_BOARDS and records >= MIN_RECORDS


def hidden_reason(records: str = "assessments") -> str:
    """What the page says in place of a hidden figure; ``records`` names what is counted."""
    return (
        f"Hidden: fewer than {MIN_BOARDS} boards or {MIN_RECORDS} {records}, "
        "so individual boards could be identified."
    )


@dataclass
class Basis:
    """What one figure rests on: the distinct boards and records counted in it."""

    boards: set[Hashable] = field(default_factory=set)
    records: set[Hashable] = field(default_factory=set)

    def add(self, *, board: Hashable, record: Hashable) -> None:
        self.boards.add(board)
        self.records.add(record)

    @property
    def may_show(self) -> bool:
        return figure_may_be_shown(boards=len(self.boards), records=len(self.records))
