"""Reads for verification: what waits for a second analyst, and how analysts agree."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from scr_platform.accounts.models import User

from ..analysis.agreement import cohens_kappa_labels
from ..choices import CodingVerification
from ..models import Coding, PracticeIssue, Review
from ..visibility import coding_counted_q, review_public_q

# The label a verifier gives when they see no practice issue in the passage.
NO_ISSUE = "—"


def _current() -> QuerySet[Coding]:
    return Coding.objects.filter(document__superseded_by__isnull=True).select_related(
        "issue", "coder", "verified_by", "proposed_issue", "document__review"
    )


def codings_to_verify(*, user: User, review: Review | None = None) -> QuerySet[Coding]:
    """Other analysts' codings nobody has verified yet (never the user's own)."""
    codings = _current().filter(verification=CodingVerification.UNVERIFIED).exclude(coder=user)
    if review is not None:
        codings = codings.filter(document__review=review)
    return codings.order_by("document__review", "document", "page", "pk")


def disagreements_to_resolve(*, user: User) -> QuerySet[Coding]:
    """Disagreements the user may settle: any but those they raised themselves."""
    return (
        _current()
        .filter(verification=CodingVerification.DISAGREED)
        .exclude(verified_by=user)
        .order_by("verified_at", "pk")
    )


def review_codings(*, review: Review) -> QuerySet[Coding]:
    """Every coding on the review's current documents, with its verification."""
    return _current().filter(document__review=review).order_by("document", "page", "pk")


def reviews_to_verify(*, user: User) -> list[tuple[Review, int]]:
    """Reviews with codings by others still to verify, and how many, most first."""
    counts = (
        codings_to_verify(user=user)
        .values("document__review")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    reviews = Review.objects.in_bulk([row["document__review"] for row in counts])
    return [(reviews[row["document__review"]], row["n"]) for row in counts]


def unverified_review_count(*, issue: PracticeIssue | None = None) -> int:
    """Published reviews coded (to ``issue``, if given) but not yet verified: shown beside
    the public figures, which count only verified codings."""
    waiting = Coding.objects.filter(document__superseded_by__isnull=True).exclude(
        coding_counted_q()
    )
    if issue is not None:
        waiting = waiting.filter(issue=issue)
    return (
        Review.objects.filter(review_public_q())
        .filter(documents__codings__in=waiting.values("pk"))
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class PairAgreement:
    coder: User
    verifier: User
    period: str  # "2026-Q4"
    verified: int
    agreed: int
    kappa: float | None

    @property
    def share_agreed(self) -> float:
        return self.agreed / self.verified if self.verified else 0.0


def calibration() -> list[PairAgreement]:
    """For each coder and verifier, by quarter of verification: how often the verifier
    agreed, and Cohen's kappa between the issue coded and the issue the verifier chose."""
    rows = (
        Coding.objects.exclude(verification=CodingVerification.UNVERIFIED)
        .exclude(verified_at=None)
        .select_related("coder", "verified_by", "issue", "proposed_issue", "original_issue")
    )
    pairs: dict[tuple[int, int, str], list[tuple[str, str]]] = defaultdict(list)
    people: dict[int, User] = {}
    for coding in rows:
        if coding.verified_by is None:
            continue
        coded = (coding.original_issue or coding.issue).code
        chosen = (
            coded
            if coding.verification == CodingVerification.AGREED
            else (coding.proposed_issue.code if coding.proposed_issue else NO_ISSUE)
        )
        quarter = (coding.verified_at.month - 1) // 3 + 1
        key = (coding.coder_id, coding.verified_by_id, f"{coding.verified_at.year}-Q{quarter}")
        pairs[key].append((coded, chosen))
        people[coding.coder_id], people[coding.verified_by_id] = coding.coder, coding.verified_by
    return [
        PairAgreement(
            coder=people[coder],
            verifier=people[verifier],
            period=period,
            verified=len(labels),
            agreed=sum(1 for a, b in labels if a == b),
            kappa=cohens_kappa_labels(labels),
        )
        for (coder, verifier, period), labels in sorted(
            pairs.items(), key=lambda item: (item[0][2], item[0][0], item[0][1]), reverse=True
        )
    ]


def analyst_agreement(rows: list[PairAgreement]) -> list[tuple[User, int, int]]:
    """Each analyst's codings verified by others, and how many were agreed, all time."""
    totals: dict[int, list] = {}
    for row in rows:
        entry = totals.setdefault(row.coder.pk, [row.coder, 0, 0])
        entry[1] += row.verified
        entry[2] += row.agreed
    return sorted((tuple(entry) for entry in totals.values()), key=lambda e: e[0].username)
