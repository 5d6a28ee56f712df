"""Good practice: public, listed by practice issue."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from collation.models import PracticeIssue

from ..models import GoodPractice

# The issue page shows the newest few; the rest are one link away.
ISSUE_PAGE_LIMIT = 5


def good_practice_list() -> QuerySet[GoodPractice]:
    """All good practice, newest first, with what a list shows in a fixed few queries."""
    return GoodPractice.objects.select_related("organisation", "recorded_by").prefetch_related(
        Prefetch("issues", queryset=PracticeIssue.objects.select_related("stage"))
    )


def good_practice_get(*, pk: int) -> GoodPractice:
    try:
        return good_practice_list().get(pk=pk)
    except GoodPractice.DoesNotExist:
        raise Http404("No such good practice") from None


@dataclass(frozen=True)
class IssueGoodPractice:
    """The newest good practice on one issue, and how many there are in all."""

    items: list[GoodPractice]
    total: int


def issue_good_practice(*, issue: PracticeIssue) -> IssueGoodPractice:
    """For the issue page's panel: two queries, however many there are."""
    on_issue = GoodPractice.objects.filter(issues=issue)
    newest = on_issue.select_related("organisation").order_by("-created_at", "-pk")
    return IssueGoodPractice(items=list(newest[:ISSUE_PAGE_LIMIT]), total=on_issue.count())
