"""Recommendations of published reviews, read across the whole body of reviews.

Counts per review, by agency and by theme, how many coded recommendations meet
each SMART criterion, and which practice issues a review shows that none of
its recommendations answers. Unpublished reviews never count.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from .. import visibility
from ..choices import SMART_CRITERIA
from ..models import Recommendation, Review, ReviewIssue


@dataclass(frozen=True)
class RecommendationAnalysis:
    per_review: list  # (review, recommendation count)
    by_agency: list  # (agency name or "Not stated", count)
    by_theme: list  # (theme name or "Not coded", count)
    smart: list  # (criterion label, recommendations meeting it, coded)
    unanswered: list  # (review, [issues shown with no recommendation answering them])


def recommendation_analysis() -> RecommendationAnalysis:
    """Recommendations of published reviews: counts, agencies, themes, SMART, gaps."""
    published = Review.objects.public()
    recommendations = Recommendation.objects.public()
    per_review = list(
        published.annotate(
            recommendation_count=Count(
                "documents__recommendations",
                filter=visibility.document_public_q(via="documents__"),
            )
        )
        .select_related("board")
        .order_by("-publication_date", "title")
    )
    by_agency = [
        (row["agency__name"] or "Not stated", row["n"])
        for row in recommendations.values("agency__name").annotate(n=Count("pk")).order_by("-n")
    ]
    by_theme = [
        (row["theme__name"] or "Not coded", row["n"])
        for row in recommendations.values("theme__name").annotate(n=Count("pk")).order_by("-n")
    ]
    coded = recommendations.exclude(coded_at=None)
    totals = coded.aggregate(
        coded=Count("pk"),
        **{field: Count("pk", filter=Q(**{field: True})) for field in SMART_CRITERIA},
    )
    smart = [(label, totals[field], totals["coded"]) for field, label in SMART_CRITERIA.items()]
    shown = ReviewIssue.objects.filter(review__in=published.values("pk")).select_related("issue")
    answered = set(
        recommendations.filter(issues__isnull=False).values_list(
            "document__review_id", "issues__id"
        )
    )
    gaps: dict[int, list] = {}
    for presence in shown.order_by("issue__code"):
        if (presence.review_id, presence.issue_id) not in answered:
            gaps.setdefault(presence.review_id, []).append(presence.issue)
    unanswered = [(review, gaps[review.pk]) for review in per_review if review.pk in gaps]
    return RecommendationAnalysis(
        [(review, review.recommendation_count) for review in per_review],
        by_agency,
        by_theme,
        smart,
        unanswered,
    )
