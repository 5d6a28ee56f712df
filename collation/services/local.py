"""Writes on a board's local learning: its grid, actions, sharing and outcomes.

Only the board's managers and administrators record (``local_rules``). Nothing is
overwritten but a grid answer (whose changes the audit log keeps): an action's status
moves only with a dated update, and each outcome is a new dated entry.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import Board, User

from ..choices import LocalActionStatus, LocalIssueStatus, OutcomeStatus
from ..local_rules import can_record_local_learning
from ..models import (
    LocalAction,
    LocalActionUpdate,
    LocalIssue,
    LocalSharing,
    PracticeIssue,
    Recommendation,
    RecommendationOutcome,
)

MAX_EVIDENCE = 5000


def _require_recorder(user: User, board: Board) -> None:
    if not can_record_local_learning(user, board):
        raise PermissionDenied("Only the board's managers record its local learning.")


@transaction.atomic
def local_sharing_set(*, user: User, board: Board, shared: bool) -> LocalSharing:
    _require_recorder(user, board)
    sharing, _ = LocalSharing.objects.select_for_update().get_or_create(
        board=board, defaults={"changed_by": user, "shared": shared}
    )
    sharing.shared, sharing.changed_by = shared, user
    sharing.save()
    return sharing


@transaction.atomic
def local_issue_record(
    *, user: User, board: Board, issue: PracticeIssue, status: str, evidence: str
) -> LocalIssue:
    """Answer "does this happen here?" for one issue; evidence is needed for "seen here"."""
    _require_recorder(user, board)
    errors: dict[str, str] = {}
    if status not in LocalIssueStatus.values:
        errors["status"] = "Select whether this issue is seen here"
    needed = "Enter the evidence that it is seen here" if status == LocalIssueStatus.SEEN else ""
    evidence = (evidence or "").strip()
    if needed and not evidence:
        errors["evidence"] = needed
    elif len(evidence) > MAX_EVIDENCE:
        errors["evidence"] = f"Evidence must be {MAX_EVIDENCE} characters or fewer"
    if issue.is_retired and not LocalIssue.objects.filter(board=board, issue=issue).exists():
        errors["status"] = "This issue is retired: it takes no new answers"
    if errors:
        raise ValidationError(errors)
    entry, _ = LocalIssue.objects.select_for_update().get_or_create(
        board=board,
        issue=issue,
        defaults={"status": status, "evidence": evidence, "updated_by": user},
    )
    entry.status, entry.evidence, entry.updated_by = status, evidence, user
    entry.save()
    return entry


@transaction.atomic
def local_action_create(
    *,
    user: User,
    board: Board,
    issue: PracticeIssue,
    title: str,
    owner: str,
    due_on: datetime.date | None,
) -> LocalAction:
    _require_recorder(user, board)
    errors: dict[str, str] = {}
    title = (title or "").strip()
    owner = (owner or "").strip()
    if not title:
        errors["title"] = "Enter what will be done"
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer"
    if not owner:
        errors["owner"] = "Enter who is responsible"
    elif len(owner) > 200:
        errors["owner"] = "Who is responsible must be 200 characters or fewer"
    if due_on is None:
        errors["due_on"] = "Enter the due date"
    if errors:
        raise ValidationError(errors)
    return LocalAction.objects.create(
        board=board, issue=issue, title=title, owner=owner, due_on=due_on, created_by=user
    )


@transaction.atomic
def local_action_update(
    *, user: User, action: LocalAction, text: str, status: str
) -> LocalActionUpdate:
    """A dated update, which may move the action's status; earlier updates stay as written."""
    _require_recorder(user, action.board)
    action = LocalAction.objects.select_for_update().get(pk=action.pk)
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = "Enter what has happened"
    elif len(text) > MAX_EVIDENCE:
        errors["text"] = f"Update must be {MAX_EVIDENCE} characters or fewer"
    if status not in LocalActionStatus.values:
        errors["status"] = "Select the action's status"
    if errors:
        raise ValidationError(errors)
    update = LocalActionUpdate.objects.create(
        action=action, text=text, status=status, author=user, created_at=timezone.now()
    )
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])
    return update


@transaction.atomic
def outcome_record(
    *,
    user: User,
    recommendation: Recommendation,
    status: str,
    response: str,
    evidence: str,
    due_on: datetime.date | None = None,
    reason: str = "",
) -> RecommendationOutcome:
    """A new dated entry in a published recommendation's history (nothing is overwritten)."""
    review = recommendation.document.review
    _require_recorder(user, review.board)
    if not Recommendation.objects.public().filter(pk=recommendation.pk).exists():
        raise ValidationError("Outcomes are recorded for recommendations of published reviews")
    errors: dict[str, str] = {}
    if status not in OutcomeStatus.values:
        errors["status"] = "Select where the recommendation stands"
    response = (response or "").strip()
    evidence = (evidence or "").strip()
    reason = (reason or "").strip()
    for field, value, missing in (
        ("response", response, "Enter the agency's response"),
        ("evidence", evidence, "Enter the evidence"),
    ):
        if not value:
            errors[field] = missing
        elif len(value) > MAX_EVIDENCE:
            errors[field] = f"{missing[6:].capitalize()} must be {MAX_EVIDENCE} characters or fewer"
    if status == OutcomeStatus.NOT_IMPLEMENTED:
        if not reason:
            errors["reason"] = "Enter why it was not implemented"
        elif len(reason) > MAX_EVIDENCE:
            errors["reason"] = f"Reason must be {MAX_EVIDENCE} characters or fewer"
    else:
        reason = ""
        if due_on is None and status in OutcomeStatus.values:
            errors["due_on"] = "Enter the due date"
    if errors:
        raise ValidationError(errors)
    return RecommendationOutcome.objects.create(
        recommendation=recommendation,
        status=status,
        response=response,
        evidence=evidence,
        due_on=due_on,
        reason=reason,
        recorded_by=user,
        recorded_at=timezone.now(),
    )
