"""A review of the manager's board, led by the reviewer, and helpers to fill assessments."""

from datetime import UTC, datetime

import pytest

from quality_markers.choices import Audience, Point, Rating
from quality_markers.selectors import assessment_markers
from quality_markers.services import (
    assessment_start,
    assessment_submit,
    board_sharing_set,
    rating_save,
)
from scr_platform.accounts.choices import Role
from tests.factories import BoardFactory, ReviewFactory, UserFactory


@pytest.fixture
def review(board, reviewer):
    return ReviewFactory(board=board, lead_reviewer=reviewer, reference="NS-2026-01")


@pytest.fixture
def fill():
    """Answer every marker shown first (with ``ratings`` in turn), optionally submit."""

    def fill(assessment, ratings=(Rating.MET,), submit=True):
        rows = assessment_markers(assessment=assessment).first
        for index, row in enumerate(rows):
            rating_save(
                user=assessment.author,
                assessment=assessment,
                marker=row.marker,
                rating=ratings[index % len(ratings)],
                evidence=f"Evidence for {row.marker.number}",
            )
        if submit:
            assessment_submit(user=assessment.author, assessment=assessment)
        assessment.refresh_from_db()
        return assessment

    return fill


@pytest.fixture
def start():
    def start(user, review, point=Point.RETROSPECTIVE, audience=Audience.LEAD_REVIEWER):
        return assessment_start(user=user, review=review, point=point, audience=audience)

    return start


@pytest.fixture
def assessment(start, review, reviewer):
    return start(reviewer, review)


def submitted_in(assessment, year):
    assessment.submitted_at = datetime(year, 6, 1, tzinfo=UTC)
    assessment.save(update_fields=["submitted_at"])


@pytest.fixture
def shared(start, fill):
    """Make ``per_board`` submitted assessments (each of its own review) on each of
    ``boards`` new boards that share nationally; a board's i-th is submitted in
    ``years[i % len(years)]``."""

    def shared(*, boards, per_board, point=Point.SETTING_UP, ratings=None, years=(2026,)):
        ratings = ratings or (Rating.NOT_MET, Rating.MET)
        made = []
        for _ in range(boards):
            board = BoardFactory()
            manager = UserFactory(roles=[Role.LSCB_MANAGER], board=board)
            board_sharing_set(user=manager, board=board, shares_nationally=True)
            for index in range(per_board):
                review = ReviewFactory(board=board)
                assessment = fill(start(manager, review, point=point), ratings=ratings)
                submitted_in(assessment, years[index % len(years)])
                made.append(assessment)
        return made

    return shared
