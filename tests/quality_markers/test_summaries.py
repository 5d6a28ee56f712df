"""Board and national summaries: the arithmetic, drafts left out, sharing honoured."""

from datetime import UTC, datetime

import pytest

from quality_markers.choices import Point, Rating
from quality_markers.selectors import board_summary, national_summary
from quality_markers.services import board_sharing_set
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

MET, PARTLY, NOT_MET, NA = Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET, Rating.NOT_APPLICABLE


def _submitted_in(assessment, year):
    assessment.submitted_at = datetime(year, 6, 1, tzinfo=UTC)
    assessment.save(update_fields=["submitted_at"])


@pytest.fixture
def board_with_three(board, manager, reviewer, start, fill):
    """Two reviews: three submitted assessments (2025, 2026, 2026) and a draft."""
    first = ReviewFactory(board=board, lead_reviewer=reviewer, reference="A")
    second = ReviewFactory(board=board, lead_reviewer=reviewer, reference="B")
    a = fill(start(manager, first, point=Point.SETTING_UP), ratings=(NOT_MET, MET))
    b = fill(start(reviewer, first, point=Point.SETTING_UP), ratings=(NOT_MET, NA))
    c = fill(start(manager, second, point=Point.SETTING_UP), ratings=(PARTLY, MET))
    fill(start(reviewer, second, point=Point.SETTING_UP), ratings=(NOT_MET,), submit=False)
    _submitted_in(a, 2025)
    _submitted_in(b, 2026)
    _submitted_in(c, 2026)
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
    board_with_three, manager, other_board, other_manager, start, fill
):
    elsewhere = ReviewFactory(board=other_board, reference="S")
    fill(start(other_manager, elsewhere, point=Point.SETTING_UP), ratings=(MET,))
    assert national_summary().assessments == 0

    board_sharing_set(user=other_manager, board=other_board, shares_nationally=True)
    national = national_summary()
    assert (national.assessments, national.reviews, national.boards) == (1, 1, 1)
    assert national.markers[0].totals.met == 1

    board_sharing_set(user=manager, board=board_with_three, shares_nationally=True)
    national = national_summary()
    assert (national.assessments, national.boards) == (4, 2)
    assert national.markers[0].totals.not_met == 2

    board_sharing_set(user=manager, board=board_with_three, shares_nationally=False)
    assert national_summary().assessments == 1


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
