"""Agreement between analysts: which pairs coded the same reviews, and how far they agree.

The definitions (reviews both coded, presence, per-issue and pooled kappa)
are in ``collation.analysis.agreement``. In short: reviews of any status
count, only codings on current documents (not superseded) count, a review
counts for a pair when each coder has at least one coding on it, and issues
are the current (unretired) practice issues. Coders are whoever made codings
(analysts, by ``services.coding``), whether or not they still hold the role.

This is an internal quality figure for analysts: the page that shows it checks
the role; these reads take no user. Each runs a fixed number of queries,
whatever the data.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from scr_platform.accounts.models import User

from ..analysis.agreement import AgreementTable, agreement_table
from ..models import Coding, PracticeIssue, Review


@dataclass(frozen=True)
class CoderPair:
    """Two coders (lower id first) and how many reviews both coded."""

    coder_a: User
    coder_b: User
    reviews: int


@dataclass(frozen=True)
class IssueRow:
    issue: PracticeIssue
    table: AgreementTable

    @property
    def kappa(self) -> float | None:
        return self.table.kappa


@dataclass(frozen=True)
class DisagreementRow:
    """A review and issue that exactly one of the two coders shows."""

    review: Review
    issue: PracticeIssue
    a_has: bool
    b_has: bool


@dataclass(frozen=True)
class CoderAgreement:
    coder_a: User
    coder_b: User
    reviews: int  # both coded
    reviews_only_a: int  # coded by A, not by B
    reviews_only_b: int
    issues: list[IssueRow]  # every current issue, in grid order
    overall: AgreementTable  # every (review, issue) pair pooled
    disagreements: list[DisagreementRow]  # by review title, then grid order

    @property
    def overall_kappa(self) -> float | None:
        return self.overall.kappa


def _current_codings():
    # order_by(): the model's ordering would otherwise join the DISTINCT.
    return Coding.objects.filter(document__superseded_by__isnull=True).order_by()


def coder_pairs() -> list[CoderPair]:
    """Every pair of coders who both coded at least one review, most shared reviews first.

    Two queries: who coded which review, then the users.
    """
    coders_by_review: dict[int, set[int]] = {}
    for review_id, coder_id in (
        _current_codings().values_list("document__review_id", "coder_id").distinct()
    ):
        coders_by_review.setdefault(review_id, set()).add(coder_id)
    shared = Counter(
        pair for coders in coders_by_review.values() for pair in combinations(sorted(coders), 2)
    )
    users = User.objects.in_bulk({coder for pair in shared for coder in pair})
    pairs = [CoderPair(users[a], users[b], count) for (a, b), count in shared.items()]
    pairs.sort(key=lambda p: (-p.reviews, str(p.coder_a).casefold(), str(p.coder_b).casefold()))
    return pairs


def coder_agreement(*, coder_a: User, coder_b: User) -> CoderAgreement:
    """How far two coders agree on which current issues each review they both coded shows.

    At most three queries: both coders' (review, issue) presence, the current
    issues, and the reviews they disagree on (with their boards).
    """
    if coder_a.pk == coder_b.pk:
        raise ValueError("Choose two different coders.")
    presence: dict[int, dict[int, set[str]]] = {coder_a.pk: {}, coder_b.pk: {}}
    rows = (
        _current_codings()
        .filter(coder__in=[coder_a.pk, coder_b.pk])
        .values_list("coder_id", "document__review_id", "issue__code")
        .distinct()
    )
    for coder_id, review_id, code in rows:
        presence[coder_id].setdefault(review_id, set()).add(code)
    presence_a, presence_b = presence[coder_a.pk], presence[coder_b.pk]

    issues = list(PracticeIssue.objects.filter(retired_at__isnull=True))
    by_code = {issue.code: issue for issue in issues}
    result = agreement_table(presence_a, presence_b, [issue.code for issue in issues])

    reviews = Review.objects.select_related("board").in_bulk(
        {row.review_id for row in result.disagreements}
    )
    disagreements = [
        DisagreementRow(reviews[row.review_id], by_code[row.issue_code], row.a_has, row.b_has)
        for row in result.disagreements
    ]
    # Stable: within a review, issues stay in grid order.
    disagreements.sort(key=lambda row: (row.review.title.casefold(), row.review.pk))
    shared = len(result.review_ids)
    return CoderAgreement(
        coder_a=coder_a,
        coder_b=coder_b,
        reviews=shared,
        reviews_only_a=len(presence_a) - shared,
        reviews_only_b=len(presence_b) - shared,
        issues=[IssueRow(by_code[row.code], row.table) for row in result.issues],
        overall=result.overall,
        disagreements=disagreements,
    )
