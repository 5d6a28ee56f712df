"""What the local learning tests share: a published review with recommendations."""

import datetime

from collation.models import Recommendation, RecommendationOutcome
from tests.factories import DocumentFactory, ReviewFactory


def published_recommendations(board, count=2, **review):
    """A published review of ``board`` with ``count`` public recommendations."""
    review = ReviewFactory(board=board, publish=True, **review)
    document = DocumentFactory(review=review)
    return review, [
        Recommendation.objects.create(
            document=document,
            position=number,
            number=number,
            page=1,
            text=f"Agencies should do thing {number}.",
        )
        for number in range(1, count + 1)
    ]


def outcome(recommendation, user, status="accepted", due_on=datetime.date(2030, 1, 1), **extra):
    return RecommendationOutcome.objects.create(
        recommendation=recommendation,
        status=status,
        response=extra.pop("response", "Accepted by the agency."),
        evidence=extra.pop("evidence", "Minutes."),
        due_on=due_on,
        recorded_by=user,
        **extra,
    )
