"""The one rule for public figures built from private data: enough boards and records."""

import pytest

from scr_platform.disclosure import (
    MIN_BOARDS,
    MIN_RECORDS,
    Basis,
    figure_may_be_shown,
    hidden_reason,
)


def test_the_thresholds_are_three_boards_and_five_records():
    assert (MIN_BOARDS, MIN_RECORDS) == (3, 5)


@pytest.mark.parametrize(
    "boards, records, shown",
    [
        (3, 5, True),
        (10, 400, True),
        (2, 5, False),
        (3, 4, False),
        (1, 1, False),
        (2, 100, False),  # many records, but from two boards: each can work out the other's
        (100, 4, False),
        (0, 0, False),
    ],
)
def test_a_figure_is_shown_only_from_enough_boards_and_records(boards, records, shown):
    assert figure_may_be_shown(boards=boards, records=records) is shown


def test_a_basis_counts_each_board_and_record_once():
    basis = Basis()
    for board, record in [(1, 10), (1, 10), (1, 11), (2, 12), (2, 13)]:
        basis.add(board=board, record=record)
    assert (len(basis.boards), len(basis.records)) == (2, 4)
    assert not basis.may_show
    basis.add(board=3, record=14)
    assert basis.may_show


def test_the_reason_is_plain_and_names_what_was_counted():
    assert hidden_reason() == (
        "Hidden: fewer than 3 boards or 5 assessments, so individual boards could be identified."
    )
    assert hidden_reason("responses") == (
        "Hidden: fewer than 3 boards or 5 responses, so individual boards could be identified."
    )
