"""Reads on a board's local learning: its grid, actions and recommendation outcomes.

Every read starts from ``visibility.local_learning_q`` (through ``local_board_get``), so a
board's records are seen by its managers and administrators, and by the professional
roles only once the board shares them.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from scr_platform.accounts.models import Board

from ..choices import OPEN_OUTCOMES, LocalActionStatus
from ..models import (
    LocalAction,
    LocalIssue,
    LocalSharing,
    PracticeIssue,
    Recommendation,
    RecommendationOutcome,
    Review,
    Stage,
)
from ..visibility import local_learning_q


def local_boards(*, user) -> QuerySet[Board]:
    """The boards whose local learning ``user`` sees."""
    return Board.objects.filter(local_learning_q(user)).order_by("name")


def local_board_get(*, user, slug: str) -> Board:
    """A board whose local learning the user sees, or 404 (private ones are not confirmed)."""
    try:
        return local_boards(user=user).get(slug=slug)
    except Board.DoesNotExist:
        raise Http404("No such board") from None


def board_is_shared(board: Board) -> bool:
    return LocalSharing.objects.filter(board=board, shared=True).exists()


@dataclass
class GridRow:
    issue: PracticeIssue
    entry: LocalIssue | None
    actions: int = 0


@dataclass
class GridStage:
    stage: Stage
    rows: list[GridRow] = field(default_factory=list)


def board_grid(*, board: Board) -> list[GridStage]:
    """Every issue in use (and retired ones the board answered), by stage: three queries."""
    entries = {entry.issue_id: entry for entry in LocalIssue.objects.filter(board=board)}
    actions: dict[int, int] = {}
    for issue_id in LocalAction.objects.filter(board=board).values_list("issue_id", flat=True):
        actions[issue_id] = actions.get(issue_id, 0) + 1
    stages: dict[int, GridStage] = {}
    for issue in PracticeIssue.objects.select_related("stage"):
        if issue.is_retired and issue.pk not in entries and issue.pk not in actions:
            continue
        stage = stages.setdefault(issue.stage_id, GridStage(issue.stage))
        stage.rows.append(GridRow(issue, entries.get(issue.pk), actions.get(issue.pk, 0)))
    return list(stages.values())


def board_overdue_actions(*, board: Board) -> QuerySet[LocalAction]:
    """The board's planned or in-progress actions past their due date."""
    return (
        LocalAction.objects.filter(
            board=board,
            status__in=(LocalActionStatus.PLANNED, LocalActionStatus.IN_PROGRESS),
            due_on__lt=timezone.localdate(),
        )
        .select_related("issue", "board")
        .order_by("due_on", "pk")
    )


def board_published_reviews(*, board: Board) -> QuerySet[Review]:
    """The board's published reviews, whose recommendations' outcomes it records."""
    return Review.objects.public().filter(board=board).order_by("-publication_date", "title")


def board_issue_detail(*, board: Board, issue: PracticeIssue):
    """The board's answer for one issue and its actions, each with its updates."""
    entry = LocalIssue.objects.filter(board=board, issue=issue).select_related("updated_by")
    actions = (
        LocalAction.objects.filter(board=board, issue=issue)
        .select_related("board")
        .prefetch_related("updates")
    )
    return entry.first(), list(actions)


def local_action_get(*, board: Board, pk: int) -> LocalAction:
    try:
        return (
            LocalAction.objects.select_related("board", "issue")
            .prefetch_related(Prefetch("updates", to_attr="update_list"))
            .get(board=board, pk=pk)
        )
    except LocalAction.DoesNotExist:
        raise Http404("No such action") from None


def latest_outcomes() -> QuerySet[RecommendationOutcome]:
    """Each recommendation's newest outcome entry: its current outcome."""
    newest = RecommendationOutcome.objects.filter(recommendation=OuterRef("recommendation"))
    return RecommendationOutcome.objects.filter(
        pk=Subquery(newest.order_by("-recorded_at", "-pk").values("pk")[:1])
    )


def outcome_review_get(*, user, pk: int) -> Review:
    """A published review whose board's outcomes the user sees, or 404."""
    try:
        return (
            Review.objects.public()
            .filter(local_learning_q(user, via="board__"))
            .select_related("board")
            .get(pk=pk)
        )
    except Review.DoesNotExist:
        raise Http404("No such review") from None


@dataclass
class OutcomeRow:
    recommendation: Recommendation
    history: list[RecommendationOutcome]

    @property
    def current(self) -> RecommendationOutcome | None:
        return self.history[-1] if self.history else None

    @property
    def is_overdue(self) -> bool:
        current = self.current
        return bool(
            current and current.status in OPEN_OUTCOMES and current.due_on < timezone.localdate()
        )


def review_outcomes(*, review: Review) -> list[OutcomeRow]:
    """The review's public recommendations, each with its dated outcomes: two queries."""
    recommendations = (
        Recommendation.objects.public()
        .filter(document__review=review)
        .select_related("agency", "theme", "document")
        .prefetch_related(
            Prefetch(
                "outcomes",
                RecommendationOutcome.objects.select_related("recorded_by"),
                to_attr="history",
            )
        )
        .order_by("document__pk", "position")
    )
    return [OutcomeRow(rec, rec.history) for rec in recommendations]


def review_recommendation_get(*, review: Review, pk: int) -> Recommendation:
    try:
        return (
            Recommendation.objects.public()
            .select_related("document__review__board", "agency")
            .get(document__review=review, pk=pk)
        )
    except Recommendation.DoesNotExist:
        raise Http404("No such recommendation") from None


def overdue_outcomes(*, board_id: int) -> QuerySet[RecommendationOutcome]:
    """The board's recommendations whose current outcome is open and past its due date."""
    return (
        latest_outcomes()
        .filter(
            recommendation__in=Recommendation.objects.public().filter(
                document__review__board_id=board_id
            ),
            status__in=OPEN_OUTCOMES,
            due_on__lt=timezone.localdate(),
        )
        .select_related("recommendation__document__review")
        .order_by("due_on", "pk")
    )
