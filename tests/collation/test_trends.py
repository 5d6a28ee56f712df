"""Trend arithmetic against hand-worked examples; drafts never count."""

from datetime import date

import pytest
from django.utils import timezone

from collation.choices import CodingVerification
from collation.models import Coding, PracticeIssue, ReviewIssue
from collation.selectors.trends import period_containing, period_parse, trend_grid
from collation.services.trends import review_issues_rebuild, review_issues_refresh
from scr_platform.accounts.models import User
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_periods_parse_shift_and_label():
    q2 = period_parse("2015-q2")
    assert (q2.start, q2.end, q2.key, q2.label) == (
        date(2015, 4, 1),
        date(2015, 7, 1),
        "2015-Q2",
        "Quarter 2 2015",
    )
    assert q2.previous().key == "2015-Q1"
    assert period_parse("2015-Q1").previous().key == "2014-Q4"
    assert period_parse("2015-H2").previous().key == "2015-H1"
    assert period_parse("2015").previous().key == "2014"
    assert period_parse("all").previous() is None
    assert period_containing("half", date(2016, 8, 9)).key == "2016-H2"
    for bad in ("2015-Q5", "2015-H3", "last year", "15"):
        with pytest.raises(ValueError, match="period"):
            period_parse(bad)


@pytest.fixture
def coder(db):
    return UserFactory(username="coder", roles=["analyst"])


def review_showing(
    codes, *, published_on, board, coder, publish=True, incident="death", verified=True
):
    """A review whose current document is coded with the given issue codes (verified by a
    second analyst, as a coding must be before it counts, unless ``verified`` is False)."""
    review = ReviewFactory(
        board=board, publication_date=published_on, publish=publish, incident=incident
    )
    document = DocumentFactory(review=review)
    for code in codes:
        Coding.objects.create(
            document=document,
            page=1,
            excerpt="x",
            coder=coder,
            issue=PracticeIssue.objects.get(code=code),
            **(_verified() if verified else {}),
        )
    return review


def _verified() -> dict:
    verifier, _ = User.objects.get_or_create(username="second-analyst")
    return {
        "verification": CodingVerification.AGREED,
        "verified_by": verifier,
        "verified_at": timezone.now(),
    }


def figures(grid, code):
    for _, trends in grid.stages:
        for trend in trends:
            if trend.issue.code == code:
                return trend
    raise KeyError(code)


def test_counts_shares_changes_and_directions_by_hand(board, coder):
    # 2015: 10 published reviews, C1 in 2 of them (20%).
    # 2016: 10 published reviews, C1 in 6 (60%): +40 points, rising. A1 2 -> 0: falling.
    # A draft in 2016 showing C1 must not count.
    for index in range(10):
        codes = ["C1"] if index < 2 else []
        codes += ["A1"] if index in (5, 6, 7, 8, 9) else []
        review_showing(codes, published_on=date(2015, 3, 1 + index), board=board, coder=coder)
    for index in range(10):
        review_showing(
            ["C1"] if index < 6 else [],
            published_on=date(2016, 5, 1 + index),
            board=board,
            coder=coder,
        )
    review_showing(
        ["C1", "A1"], published_on=date(2016, 5, 20), board=board, coder=coder, publish=False
    )
    review_issues_rebuild()

    grid = trend_grid(period=period_parse("2016"))
    assert (grid.review_count, grid.previous_review_count) == (10, 10)
    c1 = figures(grid, "C1")
    assert (c1.count, c1.share, c1.previous_count, c1.previous_share) == (6, 60.0, 2, 20.0)
    assert (c1.change, c1.direction) == (40.0, "rising")
    a1 = figures(grid, "A1")
    assert (a1.count, a1.previous_count, a1.change, a1.direction) == (0, 5, -50.0, "falling")
    assert figures(grid, "G1").direction == "steady"
    assert len(c1.sparkline) == 8 and c1.sparkline[-2:] == [20.0, 60.0]

    everything = trend_grid(period=period_parse("all"))
    assert everything.review_count == 20
    assert figures(everything, "C1").count == 8
    assert figures(everything, "C1").direction == "unknown"  # all time has no previous


def test_too_few_reviews_gives_no_direction(board, coder):
    review_showing(["C1"], published_on=date(2016, 1, 5), board=board, coder=coder)
    review_issues_rebuild()
    trend = figures(trend_grid(period=period_parse("2016")), "C1")
    assert (trend.count, trend.share, trend.direction) == (1, 100.0, "unknown")


def test_filters_narrow_both_the_count_and_the_whole(board, coder):
    review_showing(["C1"], published_on=date(2016, 1, 5), board=board, coder=coder)
    review_showing(
        [], published_on=date(2016, 1, 6), board=board, coder=coder, incident="serious_harm"
    )
    review_issues_rebuild()
    grid = trend_grid(period=period_parse("2016"), filters={"incident": "death"})
    assert grid.review_count == 1 and figures(grid, "C1").share == 100.0


def test_the_grid_reflects_a_publication_at_once(board, coder):
    draft = review_showing(
        ["D2"], published_on=date(2016, 2, 1), board=board, coder=coder, publish=False
    )
    review_issues_rebuild()
    assert figures(trend_grid(period=period_parse("2016")), "D2").count == 0
    draft.status, draft.published_at = "published", draft.created_at
    draft.save()
    assert figures(trend_grid(period=period_parse("2016")), "D2").count == 1


def test_incremental_refresh_matches_a_full_rebuild(board, coder):
    review = review_showing(
        ["C1", "C1", "E2"], published_on=date(2016, 2, 1), board=board, coder=coder
    )
    review_issues_refresh(review_id=review.pk)
    incremental = set(ReviewIssue.objects.values_list("review_id", "issue__code", "codings"))
    review_issues_rebuild()
    assert (
        set(ReviewIssue.objects.values_list("review_id", "issue__code", "codings"))
        == (incremental)
        == {(review.pk, "C1", 2), (review.pk, "E2", 1)}
    )


def test_the_grid_takes_a_fixed_number_of_queries(board, coder, django_assert_num_queries):
    review_showing(["C1"], published_on=date(2016, 1, 5), board=board, coder=coder)
    review_issues_rebuild()
    with django_assert_num_queries(4):
        trend_grid(period=period_parse("2016"))
    for day in range(1, 20):
        review_showing(
            ["C1", "A2", "G3"], published_on=date(2016, 3, day), board=board, coder=coder
        )
    review_issues_rebuild()
    with django_assert_num_queries(4):
        trend_grid(period=period_parse("2016"))
