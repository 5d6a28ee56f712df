"""Recurrence: a practice issue a board's earlier review made recommendations on, shown
again in a later review of the same board.

Recommendations answer practice issues (``Recommendation.issues``, set by analysts); a
later review shows an issue when a verified coding on a public document says so. Only
published reviews, public recommendations and public codings count (``visibility``), so
every sentence here is public.
"""

import datetime
from dataclasses import dataclass

from ..models import Coding, PracticeIssue, Recommendation, Review


@dataclass(frozen=True)
class Recurrence:
    issue: PracticeIssue
    earlier: Review
    later: Review
    numbers: tuple[int, ...]

    @property
    def after(self) -> str:
        days = (_date(self.later) - _date(self.earlier)).days
        years = days // 365
        if years == 0:
            return "less than a year"
        return f"{years} year{'s' if years != 1 else ''}"

    @property
    def recommendations(self) -> str:
        words = [str(number) for number in self.numbers]
        listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
        return f"recommendation{'s' if len(words) > 1 else ''} {listed}"

    @property
    def sentence(self) -> str:
        return (
            f"{self.issue.code} ({self.issue.title}) recurred in {self.later.title}, "
            f"{self.after} after {self.recommendations} of {self.earlier.title}."
        )

    def sentence_for(self, review: Review) -> str:
        """The sentence as the page of ``review`` (the earlier or the later) says it."""
        if review.pk == self.later.pk:
            return (
                f"{self.issue.code}: this issue recurred {self.after} after "
                f"{self.recommendations} of {self.earlier.title}."
            )
        return (
            f"{self.issue.code}: this issue recurred in {self.later.title}, {self.after} "
            f"after {self.recommendations} of this review."
        )


def _date(review: Review) -> datetime.date:
    return review.publication_date or review.published_at.date()


def recurrences(*, review: Review | None = None) -> list[Recurrence]:
    """Every recurrence among published reviews (of ``review``'s board, and naming it, if
    given): four queries."""
    reviews = Review.objects.public().only(
        "pk", "board_id", "title", "publication_date", "published_at"
    )
    if review is not None:
        reviews = reviews.filter(board_id=review.board_id)
    by_pk = {item.pk: item for item in reviews}
    if not by_pk:
        return []
    answered: dict[tuple[int, int], set[int]] = {}
    for review_id, issue_id, number in (
        Recommendation.objects.public()
        .filter(document__review_id__in=by_pk, issues__isnull=False)
        .values_list("document__review_id", "issues__id", "number")
    ):
        answered.setdefault((review_id, issue_id), set()).add(number)
    if not answered:
        return []
    shown = set(
        Coding.objects.public()
        .filter(document__review_id__in=by_pk, issue_id__in={i for _, i in answered})
        .values_list("document__review_id", "issue_id")
        .distinct()
    )
    issues = PracticeIssue.objects.in_bulk({issue_id for _, issue_id in answered})
    found = []
    for (earlier_id, issue_id), numbers in answered.items():
        earlier = by_pk[earlier_id]
        for later_id, shown_issue in shown:
            later = by_pk[later_id]
            if (
                shown_issue == issue_id
                and later.board_id == earlier.board_id
                and _date(later) > _date(earlier)
            ):
                found.append(Recurrence(issues[issue_id], earlier, later, tuple(sorted(numbers))))
    if review is not None:
        found = [r for r in found if review.pk in (r.earlier.pk, r.later.pk)]
    found.sort(key=lambda r: (_date(r.later), r.issue.code, _date(r.earlier)), reverse=True)
    return found
