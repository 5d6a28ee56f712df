"""Reads for the demo's synthetic reviews (``services.demo_history``), which have no report."""

from django.db.models import QuerySet

from ..models import PracticeIssue, Review


def review_practice_issues(*, review: Review) -> QuerySet[PracticeIssue]:
    """The practice issues a review shows, counted as the grid counts them: verified only.

    A synthetic review has no pages to read its codings on, so its page lists these.
    """
    return PracticeIssue.objects.filter(
        pk__in=review.issue_presence.values("issue_id")
    ).select_related("stage")
