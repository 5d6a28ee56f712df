"""Board and national summaries: the arithmetic, drafts left out, sharing honoured."""

import pytest

from quality_markers.choices import Point, Rating
from quality_markers.selectors import board_summary, national_summary
from quality_markers.services import board_sharing_set
from tests.factories import ReviewFactory
from tests.quality_markers.conftest import submitted_in

pytestmark = pytest.mark.django_db

MET, PARTLY, NOT_MET, NA = Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET, Rating.NOT_APPLICABLE


@pytest.fixture
def board_with_three(board, manager, reviewer, start, fill):
    """Two reviews: three submitted assessments (2025, 2026, 2026) and a draft."""
    first = ReviewFactory(board=board, lead_reviewer=reviewer, reference="A")
    second = ReviewFactory(board=board, lead_reviewer=reviewer, reference="B")
    a = fill(start(manager, first, point=Point.SETTING_UP), ratings=(NOT_MET, MET))
    b = fill(start(reviewer, first, point=Point.SETTING_UP), ratings=(NOT_MET, NA))
    c = fill(start(manager, second, point=Point.SETTING_UP), ratings=(PARTLY, MET))
    fill(start(reviewer, second, point=Point.SETTING_UP), ratings=(NOT_MET,), submit=False)
    submitted_in(a, 2025)
    submitted_in(b, 2026)
    submitted_in(c, 2026)
    return board


def test_the_board_summary_counts_submitted_assessments_only(board_with_three):
    summary = board_summary(board_id=board_with_three.pk)
    assert (summary.assessments, summary.reviews, summary.boards) == (3, 2, 1)
    assert summary.years == [2025, 2026]
    referral = summary.markers[0]  # marker 1, the first setting-up marker: NOT_MET, NOT_MET, PARTLY
    assert (referral.number, referral.title) == (1, "Referral")
    assert (referral.totals.not_met, referral.totals.partly_met, referral.totals.rated) == (2, 1, 3)
    assert referral.totals.not_met_percent == 67
    # Marker 2: MET, N/A, MET — N/A is not "rated".
    second = summary.markers[1]
    assert (second.totals.met, second.totals.not_applicable, second.totals.rated) == (2, 1, 2)
    assert second.totals.not_met_share == 0


def test_the_summary_shows_change_over_time(board_with_three):
    referral = board_summary(board_id=board_with_three.pk).markers[0]
    by_year = dict(zip([2025, 2026], referral.by_year, strict=True))
    assert (by_year[2025].not_met, by_year[2025].rated) == (1, 1)
    assert (by_year[2026].not_met, by_year[2026].rated) == (1, 2)


def test_most_often_not_met_comes_first(board_with_three):
    ranked = board_summary(board_id=board_with_three.pk).most_often_not_met
    assert ranked[0].number == 1
    assert all(marker.totals.not_met for marker in ranked)
    shares = [marker.totals.not_met_share for marker in ranked]
    assert shares == sorted(shares, reverse=True)


def test_the_national_summary_counts_only_boards_that_share(
    board_with_three, manager, other_board, other_manager, start, fill, shared
):
    elsewhere = ReviewFactory(board=other_board, reference="S")
    fill(start(other_manager, elsewhere, point=Point.SETTING_UP), ratings=(MET,))
    assert national_summary().assessments == 0

    board_sharing_set(user=other_manager, board=other_board, shares_nationally=True)
    board_sharing_set(user=manager, board=board_with_three, shares_nationally=True)
    shared(boards=1, per_board=1, ratings=(NOT_MET,))
    national = national_summary()
    assert (national.assessments, national.reviews, national.boards) == (5, 4, 3)
    assert national.markers[0].totals.not_met == 2 + 1
    assert national.markers[0].totals.met == 1

    board_sharing_set(user=manager, board=board_with_three, shares_nationally=False)
    assert national_summary().assessments is None  # two boards, two assessments: hidden


# --- Small numbers: hidden from the public -------------------------------------------------------


def _hidden_everywhere(summary):
    assert (summary.assessments, summary.reviews, summary.boards) == (None, None, None)
    assert not summary.totals_shown
    assert summary.markers and all(not m.shown and m.totals is None for m in summary.markers)
    assert summary.most_often_not_met == [] and summary.years == []


def test_one_board_and_one_assessment_show_no_figure(shared):
    shared(boards=1, per_board=1)
    _hidden_everywhere(national_summary())


@pytest.mark.parametrize(
    "boards, per_board, shown",
    [(3, 2, True), (5, 1, True), (3, 1, False), (2, 5, False), (4, 1, False)],
    ids=["3 boards 6", "5 boards 5", "3 boards 3", "2 boards 10", "4 boards 4"],
)
def test_the_totals_need_three_boards_and_five_assessments(shared, boards, per_board, shown):
    shared(boards=boards, per_board=per_board)
    summary = national_summary()
    if shown:
        assert (summary.assessments, summary.boards) == (boards * per_board, boards)
        assert summary.markers[0].shown and summary.markers[0].totals.rated == boards * per_board
    else:
        _hidden_everywhere(summary)


def test_each_marker_is_shown_or_hidden_on_what_it_rests_on(shared):
    shared(boards=3, per_board=2, point=Point.SETTING_UP)  # markers 1-5
    shared(boards=1, per_board=1, point=Point.DURING)  # markers 6-13
    summary = national_summary()
    assert (summary.assessments, summary.boards) == (7, 4)
    by_number = {marker.number: marker for marker in summary.markers}
    assert all(by_number[n].shown and by_number[n].totals.rated == 6 for n in range(1, 6))
    assert all(not by_number[n].shown and by_number[n].totals is None for n in range(6, 14))
    assert {m.number for m in summary.most_often_not_met} == {1, 3, 5}


def test_a_thin_year_hides_that_markers_whole_row_of_years(shared):
    # 2025: one board's two assessments; 2026: three boards, six. A 2025 cell would be
    # the total minus 2026's: so no year of that marker is shown, only its total.
    shared(boards=1, per_board=2, years=(2025,))
    shared(boards=3, per_board=2, years=(2026,))
    summary = national_summary()
    referral = summary.markers[0]
    assert referral.shown and referral.totals.rated == 8
    assert not referral.years_shown and referral.by_year == []
    assert summary.years == []  # no row shows its years: no table of years at all


def test_years_are_shown_when_every_year_rests_on_enough(shared):
    shared(boards=3, per_board=4, years=(2025, 2026))
    summary = national_summary()
    assert summary.years == [2025, 2026]
    referral = summary.markers[0]
    assert referral.years_shown and [c.rated for c in referral.by_year] == [6, 6]


def test_the_board_summary_is_never_suppressed(board_with_three):
    summary = board_summary(board_id=board_with_three.pk)
    assert (summary.assessments, summary.boards) == (3, 1)
    assert summary.totals_shown and all(marker.shown for marker in summary.markers)


def test_the_summaries_match_marker_numbers_across_versions(board, manager, reviewer, start, fill):
    from django.utils import timezone as django_timezone

    from quality_markers.selectors import framework_current
    from quality_markers.services import framework_new_version

    review = ReviewFactory(board=board, lead_reviewer=reviewer)
    fill(start(manager, review, point=Point.SETTING_UP), ratings=(NOT_MET,))
    revised = framework_new_version(framework=framework_current())
    revised.markers.filter(number=1).update(title="Referral and notification")
    revised.published_at = django_timezone.now()
    revised.save()
    fill(start(reviewer, review, point=Point.SETTING_UP), ratings=(NOT_MET,))
    referral = board_summary(board_id=board.pk).markers[0]
    assert referral.totals.not_met == 2
    assert referral.title == "Referral and notification"  # the newest wording names the row
