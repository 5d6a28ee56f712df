"""Agreement between two analysts who coded the same reviews: Cohen's kappa.

Pure functions over plain data; nothing here touches the database.

Definitions
-----------
For two coders A and B:

* **The reviews both coded** are the reviews (any status: this is an internal
  quality figure for analysts) on which each coder has at least one coding on
  the review's *current* documents (``document.superseded_by`` is null).
  Codings on replaced documents are ignored; a review only one of them coded
  is left out. Here, the reviews both coded are the keys present in both
  presence dicts.
* **Presence**: for each review and practice issue, a coder "shows" the issue
  if they made at least one coding of it on the review's current documents.
  How many codings, on which pages, does not matter.
* For each issue, each review both coded gives one pair (A shows it?, B shows
  it?), counted into a 2×2 table: *both*, *only A*, *only B*, *neither*.
* With n = both + only A + only B + neither:

  - observed agreement  po = (both + neither) / n
  - chance agreement    pe = pA·pB + (1 − pA)(1 − pB), where pA = (both + only A) / n
    and pB = (both + only B) / n are each coder's rate of showing the issue
  - Cohen's kappa       κ = (po − pe) / (1 − pe)

  When pe = 1 the coders agree by construction (both always or both never
  showed the issue — e.g. nobody used it) and kappa is undefined: ``None``,
  shown as "not enough variation". With no reviews (n = 0) po and kappa are
  ``None`` too. Kappa is computed in whole numbers until one final division,
  so pe = 1 is detected exactly, not by comparing floats.
* **Overall kappa** pools every (review, issue) pair across the issues given
  (the current, unretired issues) into one 2×2 table and computes kappa on it.
  This is the pooled kappa, not the mean of the per-issue kappas: issues with
  no variation still count (as agreements on "neither"), and no issue is
  dropped for having an undefined kappa. Codes outside the issues given (e.g.
  retired issues) are ignored.
* **Disagreements** are the (review, issue) pairs where exactly one coder
  shows the issue, ordered by review, then by the order of the issues given.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

ReviewId = TypeVar("ReviewId", bound=Hashable)


def cohens_kappa(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    """Cohen's kappa from a 2×2 table; ``None`` when undefined (pe = 1, or no pairs)."""
    if min(both, only_a, only_b, neither) < 0:
        raise ValueError("Counts cannot be negative.")
    n = both + only_a + only_b + neither
    if n == 0:
        return None
    # Multiplied through by n²: po·n² = n·(both + neither), pe·n² = expected.
    a_yes, b_yes = both + only_a, both + only_b
    expected = a_yes * b_yes + (n - a_yes) * (n - b_yes)
    if expected == n * n:
        return None
    return (n * (both + neither) - expected) / (n * n - expected)


@dataclass(frozen=True)
class AgreementTable:
    """The 2×2 table of two coders' presence calls, with po, pe and kappa."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    def __add__(self, other: "AgreementTable") -> "AgreementTable":
        return AgreementTable(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )

    @property
    def total(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def agreements(self) -> int:
        return self.both + self.neither

    @property
    def disagreements(self) -> int:
        return self.only_a + self.only_b

    @property
    def observed(self) -> float | None:
        """po, the share of pairs where the coders agree (0–1)."""
        return self.agreements / self.total if self.total else None

    @property
    def observed_percent(self) -> float | None:
        return None if self.observed is None else 100 * self.observed

    @property
    def expected(self) -> float | None:
        """pe, the agreement expected by chance from each coder's rate (0–1)."""
        n = self.total
        if not n:
            return None
        a_yes, b_yes = self.both + self.only_a, self.both + self.only_b
        return (a_yes * b_yes + (n - a_yes) * (n - b_yes)) / (n * n)

    @property
    def kappa(self) -> float | None:
        return cohens_kappa(self.both, self.only_a, self.only_b, self.neither)


class Disagreement(NamedTuple):
    """A (review, issue) pair that exactly one coder shows."""

    review_id: Hashable
    issue_code: str
    a_has: bool
    b_has: bool


@dataclass(frozen=True)
class IssueAgreement:
    code: str
    table: AgreementTable

    @property
    def kappa(self) -> float | None:
        return self.table.kappa


@dataclass(frozen=True)
class Agreement:
    """Per-issue and pooled agreement over the reviews both coders coded."""

    review_ids: list  # the reviews both coded, sorted
    issues: list[IssueAgreement]  # in the order of the issues given
    overall: AgreementTable  # every (review, issue) pair pooled
    disagreements: list[Disagreement]

    @property
    def overall_kappa(self) -> float | None:
        return self.overall.kappa


def agreement_table(
    presence_a: Mapping[ReviewId, Iterable[str]],
    presence_b: Mapping[ReviewId, Iterable[str]],
    issues: list[str],
) -> Agreement:
    """Compare two coders' issue presence on the reviews both coded.

    ``presence_a`` maps each review coder A coded to the issue codes A showed
    there (possibly none); the same for B. Reviews in only one map are left
    out; codes not in ``issues`` are ignored.
    """
    issues = list(dict.fromkeys(issues))  # each code once, first position kept
    shared = sorted(presence_a.keys() & presence_b.keys())
    counts = {code: [0, 0, 0, 0] for code in issues}  # both, only A, only B, neither
    disagreements: list[Disagreement] = []
    for review_id in shared:
        a_codes, b_codes = set(presence_a[review_id]), set(presence_b[review_id])
        for code in issues:
            a_has, b_has = code in a_codes, code in b_codes
            if a_has and b_has:
                counts[code][0] += 1
            elif a_has:
                counts[code][1] += 1
            elif b_has:
                counts[code][2] += 1
            else:
                counts[code][3] += 1
            if a_has != b_has:
                disagreements.append(Disagreement(review_id, code, a_has, b_has))
    per_issue = [IssueAgreement(code, AgreementTable(*counts[code])) for code in issues]
    overall = sum((row.table for row in per_issue), AgreementTable())
    return Agreement(shared, per_issue, overall, disagreements)


def cohens_kappa_labels(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters who each gave every item one label (any number of labels).

    po is the share of items labelled alike; pe = Σ pA(label)·pB(label). None with no
    items, or when pe = 1 (both raters always gave the same single label).
    """
    n = len(pairs)
    if not n:
        return None
    agreed = sum(1 for a, b in pairs if a == b)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[label] * second[label] for label in first)  # pe · n²
    if chance == n * n:
        return None
    return (agreed * n - chance) / (n * n - chance)
