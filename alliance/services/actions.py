"""Actions: recording, changing and publishing them, and their progress and evidence."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import is_administrator

from ..choices import STARTING_STATUSES, ActionStatus, status_can_move, status_refusal
from ..models import (
    Action,
    Decision,
    ImpactEvidence,
    Meeting,
    Organisation,
    ProgressUpdate,
    Representative,
    WorkingGroup,
)
from ..rules import (
    can_change_action,
    can_read_meetings,
    can_record_actions,
    represented_organisation,
)
from .common import check_issues, require_text


def _current_representatives(organisations: Iterable[Organisation]) -> set[int]:
    return set(
        Representative.objects.filter(
            organisation__in=list(organisations), ended_on__isnull=True
        ).values_list("user_id", flat=True)
    )


def _check_owner(errors: dict, owner: User | None, organisations: list[Organisation]) -> None:
    if owner is None:
        errors["owner"] = "Choose the person responsible."
    elif owner.pk not in _current_representatives(organisations) and not is_administrator(owner):
        errors["owner"] = (
            "The person responsible must represent the lead organisation or a partner."
        )


def _lock_decision(errors: dict, user: User, decision: Decision) -> Decision:
    """The decision, locked so that two people cannot both make it an action."""
    if not can_read_meetings(user):
        raise PermissionDenied("Only Alliance members turn a meeting's decisions into actions.")
    locked = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("action", "meeting")
        .get(pk=decision.pk)
    )
    if locked.action_id is not None:
        errors["decision"] = f"This decision is already an action: “{locked.action.title}”."
    return locked


@transaction.atomic
def action_create(
    *,
    user: User,
    title: str,
    description: str,
    issues: Iterable[PracticeIssue],
    organisation: Organisation | None = None,
    partners: Iterable[Organisation] = (),
    owner: User | None = None,
    working_group: WorkingGroup | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    status: str = ActionStatus.PROPOSED,
    due_on: datetime.date | None = None,
) -> Action:
    """Record an improvement action; Alliance members record them for their own organisation.

    Made from a meeting's ``decision``, the action is linked to that meeting
    and the decision to the action.
    """
    if not can_record_actions(user):
        raise PermissionDenied(
            "Only Alliance members who represent an organisation record actions."
        )
    own = represented_organisation(user)
    if not is_administrator(user):
        if organisation is not None and organisation != own:
            raise PermissionDenied(
                "You can record actions only for the organisation you represent."
            )
        organisation = own
    issues = list(issues)
    errors: dict = {}
    if decision is not None:
        decision = _lock_decision(errors, user, decision)
        meeting = decision.meeting
    require_text(errors, title=title, description=description)
    check_issues(errors, issues)
    if organisation is None:
        errors["organisation"] = "Choose the lead organisation."
    elif not organisation.is_member:
        errors["organisation"] = f"{organisation} has left the Alliance."
    partners = [partner for partner in partners if partner != organisation]
    owner = owner or user
    _check_owner(errors, owner, [organisation, *partners] if organisation else partners)
    if status not in STARTING_STATUSES:
        errors["status"] = "A new action is proposed or in progress."
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        title=title.strip(),
        description=description.strip(),
        organisation=organisation,
        owner=owner,
        working_group=working_group,
        meeting=meeting,
        status=status,
        due_on=due_on,
        created_by=user,
    )
    action.issues.set(issues)
    action.partners.set(partners)
    if decision is not None:
        decision.action = action
        decision.save(update_fields=["action", "updated_at"])
    # Not published yet, so no public page changes.
    return action


@transaction.atomic
def action_edit(
    *,
    user: User,
    action: Action,
    title: str,
    description: str,
    issues: Iterable[PracticeIssue],
    partners: Iterable[Organisation] = (),
    owner: User | None = None,
    working_group: WorkingGroup | None = None,
    meeting: Meeting | None = None,
    due_on: datetime.date | None = None,
    organisation: Organisation | None = None,
) -> Action:
    """Change an action's details; its status moves only with a progress update."""
    if not can_change_action(user, action):
        raise PermissionDenied("Only the organisations taking an action can change it.")
    if organisation is not None and organisation != action.organisation:
        if not is_administrator(user):
            raise PermissionDenied("Only administrators move an action to another organisation.")
        action.organisation = organisation
    issues = list(issues)
    errors: dict = {}
    require_text(errors, title=title, description=description)
    check_issues(errors, issues, keep=action.issues.all())
    partners = [partner for partner in partners if partner != action.organisation]
    owner = owner or action.owner
    _check_owner(errors, owner, [action.organisation, *partners])
    if errors:
        raise ValidationError(errors)
    action.title, action.description = title.strip(), description.strip()
    action.owner, action.working_group, action.meeting = owner, working_group, meeting
    action.due_on = due_on
    action.save()
    action.issues.set(issues)
    action.partners.set(partners)
    return action


@transaction.atomic
def action_publish(*, user: User, action: Action, publish: bool = True) -> Action:
    """Show the action, its updates and evidence to the public (or take it back)."""
    if not can_change_action(user, action):
        raise PermissionDenied("Only the organisations taking an action can publish it.")
    if publish and action.published_at is None:
        action.published_at = timezone.now()
    elif not publish:
        action.published_at = None
    action.save(update_fields=["published_at", "updated_at"])
    return action


@transaction.atomic
def progress_update_create(
    *,
    user: User,
    action: Action,
    text: str,
    status: str = "",
    reason: str = "",
    written_on: datetime.date | None = None,
) -> ProgressUpdate:
    """Record dated progress on an action, moving its status on if ``status`` differs.

    Moves follow ``choices.STATUS_TRANSITIONS``; dropping an action needs a
    ``reason``, which the action keeps (and shows) while it stays dropped.
    """
    if not can_change_action(user, action):
        raise PermissionDenied("Only the organisations taking an action can report on it.")
    written_on = written_on or timezone.localdate()
    # Locked first, so two updates at once cannot both move the action from the
    # same old status, and the move is checked against the status as it is now.
    locked = Action.objects.select_for_update().get(pk=action.pk)
    errors: dict = {}
    require_text(errors, text=text)
    if written_on > timezone.localdate():
        errors["written_on"] = "The date of an update cannot be in the future."
    moved = bool(status) and status != locked.status
    if status and status not in ActionStatus.values:
        errors["status"] = "Choose a status from the list."
    elif moved and not status_can_move(locked.status, status):
        errors["status"] = status_refusal(locked.status, status)
    elif moved and status == ActionStatus.DROPPED and not (reason or "").strip():
        errors["reason"] = "Say why the action is being dropped."
    if errors:
        raise ValidationError(errors)
    if moved:
        locked.status = status
        locked.completed_on = written_on if status == ActionStatus.DONE else None
        locked.dropped_reason = reason.strip() if status == ActionStatus.DROPPED else ""
    locked.save(update_fields=["status", "completed_on", "dropped_reason", "updated_at"])
    action.status, action.completed_on = locked.status, locked.completed_on
    action.dropped_reason = locked.dropped_reason
    update = ProgressUpdate.objects.create(
        action=locked,
        text=text.strip(),
        status=status if moved else "",
        written_on=written_on,
        author=user,
    )
    return update


@transaction.atomic
def impact_evidence_create(
    *,
    user: User,
    action: Action,
    kind: str,
    summary: str,
    link: str = "",
    observed_on: datetime.date | None = None,
) -> ImpactEvidence:
    """Record evidence that an action made a difference."""
    if not can_change_action(user, action):
        raise PermissionDenied("Only the organisations taking an action can add its evidence.")
    observed_on = observed_on or timezone.localdate()
    errors: dict = {}
    require_text(errors, summary=summary)
    if observed_on > timezone.localdate():
        errors["observed_on"] = "The date of the evidence cannot be in the future."
    if errors:
        raise ValidationError(errors)
    evidence = ImpactEvidence.objects.create(
        action=action,
        kind=kind,
        summary=summary.strip(),
        link=link.strip(),
        observed_on=observed_on,
        author=user,
    )
    action.save(update_fields=["updated_at"])
    return evidence
