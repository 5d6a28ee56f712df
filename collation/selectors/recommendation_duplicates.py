"""Repeated and near-duplicate recommendations, for the publish check and the analysis.

Across reports, a review's recommendations are compared only with the public
recommendations of published reviews (``Recommendation.objects.public()``): the
text of another board's draft never reaches the manager, and the analysis page
shows public data only.
"""

from dataclasses import dataclass

from ..analysis.recommendation_duplicates import (
    RecommendationText,
    duplicate_groups,
    duplicates_find,
)
from ..models import Recommendation, Review


@dataclass(frozen=True)
class DuplicateWarning:
    message: str
    is_repeat: bool


def _texts(recommendations) -> tuple[list[RecommendationText], dict]:
    by_pk = {}
    texts = []
    for recommendation in recommendations:
        by_pk[recommendation.pk] = recommendation
        texts.append(RecommendationText(recommendation.pk, recommendation.text))
    return texts, by_pk


def review_duplicate_warnings(*, review: Review) -> list[DuplicateWarning]:
    """Recommendations of ``review`` that repeat one another or a published review's."""
    own = (
        Recommendation.objects.filter(document__review=review, document__superseded_by__isnull=True)
        .select_related("document__review")
        .order_by("number", "pk")
    )
    others = (
        Recommendation.objects.public()
        .exclude(document__review=review)
        .select_related("document__review")
    )
    candidates, own_by_pk = _texts(own)
    against, others_by_pk = _texts(others)
    warnings = []
    for pair in duplicates_find(candidates, against):
        verb = "repeats" if pair.is_repeat else "is close to"
        first = own_by_pk[pair.first.key]
        if pair.second.key in own_by_pk:
            earlier, later = sorted(
                (first, own_by_pk[pair.second.key]), key=lambda r: (r.number, r.pk)
            )
            message = (
                f"Recommendation {later.number} {verb} recommendation {earlier.number} "
                "of this report"
            )
        else:
            other = others_by_pk[pair.second.key]
            message = (
                f"Recommendation {first.number} {verb} recommendation {other.number} "
                f"of {other.document.review.title}"
            )
        warnings.append(DuplicateWarning(message, pair.is_repeat))
    return warnings


def published_duplicate_groups() -> list[list[Recommendation]]:
    """Groups of near-duplicate recommendations among published reviews, largest first."""
    recommendations = (
        Recommendation.objects.public()
        .select_related("document__review")
        .order_by("document__review__title", "number")
    )
    texts, by_pk = _texts(recommendations)
    groups = duplicate_groups(duplicates_find(texts))
    ordered = [
        sorted(
            (by_pk[item.key] for item in group), key=lambda r: (r.document.review.title, r.number)
        )
        for group in groups
    ]
    ordered.sort(key=lambda group: (-len(group), group[0].document.review.title, group[0].number))
    return ordered
