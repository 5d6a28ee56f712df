"""A review of the manager's board, led by the reviewer, and helpers to fill assessments."""

import pytest

from quality_markers.choices import Audience, Point, Rating
from quality_markers.selectors import assessment_markers
from quality_markers.services import assessment_start, assessment_submit, rating_save
from tests.factories import ReviewFactory


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
