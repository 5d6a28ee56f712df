"""National figures from boards' own records: how many boards see each practice issue and
act on it, and how often recommendations are implemented, by theme, agency and SMART.

Every board's records count, shared or not: the national picture would lean towards the
boards that share if only they counted, and no board can be picked out because each
figure follows ``scr_platform.disclosure`` (fewer than 3 boards or 5 records: hidden, and
returned as ``None`` so that no page or API can show it). Where a dimension's figures add
up to a total that is shown, a lone hidden group takes the next smallest with it, so it
cannot be worked out by subtraction.
"""

from dataclasses import dataclass, field

from scr_platform.disclosure import Basis, hidden_reason

from ..choices import SMART_CRITERIA, LocalIssueStatus, OutcomeStatus
from ..models import LocalAction, LocalIssue, PracticeIssue, Recommendation
from .local import latest_outcomes

LOCAL_HIDDEN = hidden_reason("answers or actions")
OUTCOMES_HIDDEN = hidden_reason("recommendation outcomes")


@dataclass
class IssueFigures:
    issue: PracticeIssue
    seen: int | None  # boards reporting "seen here"; None: hidden
    acting: int | None  # boards with a local action on it; None: hidden
    actions: int | None  # their actions


def _shown(basis: Basis) -> int | None:
    return len(basis.boards) if basis.may_show else None


def local_national() -> dict:
    """Per issue in use: boards that see it here and boards acting on it (three queries)."""
    seen: dict[int, Basis] = {}
    answered = Basis()
    for board_id, issue_id, status, pk in LocalIssue.objects.values_list(
        "board_id", "issue_id", "status", "pk"
    ):
        answered.add(board=board_id, record=pk)
        if status == LocalIssueStatus.SEEN:
            seen.setdefault(issue_id, Basis()).add(board=board_id, record=pk)
    acting: dict[int, Basis] = {}
    for board_id, issue_id, pk in LocalAction.objects.values_list("board_id", "issue_id", "pk"):
        acting.setdefault(issue_id, Basis()).add(board=board_id, record=pk)
    rows = []
    for issue in PracticeIssue.objects.filter(retired_at__isnull=True).select_related("stage"):
        action_basis = acting.get(issue.pk, Basis())
        rows.append(
            IssueFigures(
                issue=issue,
                seen=_shown(seen.get(issue.pk, Basis())),
                acting=_shown(action_basis),
                actions=len(action_basis.records) if action_basis.may_show else None,
            )
        )
    return {
        "rows": rows,
        "boards_answering": _shown(answered),
        "hidden_reason": LOCAL_HIDDEN,
    }


def issue_local_figures(*, issue: PracticeIssue) -> IssueFigures:
    """The same figures for one issue, for its page (two queries)."""
    seen, acting = Basis(), Basis()
    for board_id, pk in LocalIssue.objects.filter(
        issue=issue, status=LocalIssueStatus.SEEN
    ).values_list("board_id", "pk"):
        seen.add(board=board_id, record=pk)
    for board_id, pk in LocalAction.objects.filter(issue=issue).values_list("board_id", "pk"):
        acting.add(board=board_id, record=pk)
    return IssueFigures(
        issue=issue,
        seen=_shown(seen),
        acting=_shown(acting),
        actions=len(acting.records) if acting.may_show else None,
    )


@dataclass
class Rate:
    label: str
    basis: Basis = field(default_factory=Basis)
    implemented: int = 0
    shown: bool = False

    @property
    def total(self) -> int | None:
        return len(self.basis.records) if self.shown else None

    @property
    def implemented_shown(self) -> int | None:
        return self.implemented if self.shown else None

    @property
    def percent(self) -> int | None:
        if not self.shown or not self.basis.records:
            return None
        return round(100 * self.implemented / len(self.basis.records))


def _decide(groups: list[Rate]) -> list[Rate]:
    """Show each group that may be; a lone hidden group takes the smallest shown one too."""
    for group in groups:
        group.shown = group.basis.may_show
    hidden = [group for group in groups if not group.shown]
    shown = sorted((g for g in groups if g.shown), key=lambda g: len(g.basis.records))
    if len(hidden) == 1 and shown:
        shown[0].shown = False
    return groups


def outcome_rates() -> dict:
    """Implementation rates of published recommendations' current outcomes (one query)."""
    rows = latest_outcomes().filter(recommendation__in=Recommendation.objects.public())
    fields = ("recommendation__" + name for name in SMART_CRITERIA)
    overall = Rate("All recommendations with an outcome")
    themes: dict[str, Rate] = {}
    agencies: dict[str, Rate] = {}
    smart = {
        name: (Rate(f"{label}: met"), Rate(f"{label}: not met"))
        for name, label in SMART_CRITERIA.items()
    }
    for row in rows.values(
        "pk",
        "status",
        "recommendation__document__review__board_id",
        "recommendation__theme__name",
        "recommendation__agency__name",
        *fields,
    ):
        board, record = row["recommendation__document__review__board_id"], row["pk"]
        implemented = row["status"] == OutcomeStatus.IMPLEMENTED
        theme = row["recommendation__theme__name"] or "Theme not coded"
        agency = row["recommendation__agency__name"] or "Agency not stated"
        groups = [
            overall,
            themes.setdefault(theme, Rate(theme)),
            agencies.setdefault(agency, Rate(agency)),
        ]
        for name, (met, not_met) in smart.items():
            groups.append(met if row[f"recommendation__{name}"] else not_met)
        for group in groups:
            group.basis.add(board=board, record=record)
            group.implemented += implemented
    _decide([overall])
    by_smart = []
    for met, not_met in smart.values():
        # Met and not met add up to the total: both shown, or neither.
        both = met.basis.may_show and not_met.basis.may_show and overall.shown
        met.shown = not_met.shown = both
        by_smart += [met, not_met]
    return {
        "overall": overall,
        "by_theme": sorted(_decide(list(themes.values())), key=lambda g: g.label),
        "by_agency": sorted(_decide(list(agencies.values())), key=lambda g: g.label),
        "by_smart": by_smart,
        "hidden_reason": OUTCOMES_HIDDEN,
    }
