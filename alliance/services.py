"""Alliance: writes. Each checks who may make it (``rules``) and owns its transaction.

Every change is also recorded by django-auditlog (who, when, what changed).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from collation.models import PracticeIssue
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import is_administrator

from .choices import ActionStatus
from .models import (
    Action,
    ImpactEvidence,
    Meeting,
    Organisation,
    ProgressUpdate,
    Representative,
    WorkingGroup,
)
from .rules import (
    can_change_action,
    can_record_actions,
    can_record_meetings,
    forget_organisation,
    represented_organisation,
)

# An action starts planned or already under way; later statuses come with an update.
STARTING_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def _unique_slug(model: type[models.Model], text: str, exclude_pk: int | None) -> str:
    base = slugify(text)[:180] or model._meta.model_name
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _require_text(errors: dict, **fields: str) -> None:
    labels = {
        "title": "Enter a title.",
        "description": "Enter what will be done.",
        "text": "Enter what has happened.",
        "summary": "Enter a summary.",
        "name": "Enter a name.",
        "purpose": "Enter what the group is for.",
    }
    for name, value in fields.items():
        if not (value or "").strip():
            errors[name] = labels[name]


def _check_issues(errors: dict, issues: list[PracticeIssue], keep: Iterable = ()) -> None:
    """At least one issue; retired issues take no new work (those already linked may stay)."""
    if not issues:
        errors["issues"] = "Choose at least one practice issue."
        return
    kept = {issue.pk for issue in keep}
    retired = [issue.code for issue in issues if issue.is_retired and issue.pk not in kept]
    if retired:
        errors["issues"] = f"Retired issues take no new work: {', '.join(retired)}."


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
    status: str = ActionStatus.PLANNED,
    due_on: datetime.date | None = None,
) -> Action:
    """Record an improvement action; Alliance members record them for their own organisation."""
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
    _require_text(errors, title=title, description=description)
    _check_issues(errors, issues)
    if organisation is None:
        errors["organisation"] = "Choose the lead organisation."
    elif not organisation.is_member:
        errors["organisation"] = f"{organisation} has left the Alliance."
    partners = [partner for partner in partners if partner != organisation]
    owner = owner or user
    _check_owner(errors, owner, [organisation, *partners] if organisation else partners)
    if status not in STARTING_STATUSES:
        errors["status"] = "A new action is planned or in progress."
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
    _require_text(errors, title=title, description=description)
    _check_issues(errors, issues, keep=action.issues.all())
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
    written_on: datetime.date | None = None,
) -> ProgressUpdate:
    """Record dated progress on an action, moving its status on if ``status`` differs."""
    if not can_change_action(user, action):
        raise PermissionDenied("Only the organisations taking an action can report on it.")
    written_on = written_on or timezone.localdate()
    errors: dict = {}
    _require_text(errors, text=text)
    if written_on > timezone.localdate():
        errors["written_on"] = "The date of an update cannot be in the future."
    if status and status not in ActionStatus.values:
        errors["status"] = "Choose a status from the list."
    if errors:
        raise ValidationError(errors)
    # Locked, so two updates at once cannot both read the old status.
    locked = Action.objects.select_for_update().get(pk=action.pk)
    moved = bool(status) and status != locked.status
    if moved:
        locked.status = status
        locked.completed_on = written_on if status == ActionStatus.DONE else None
    locked.save(update_fields=["status", "completed_on", "updated_at"])
    action.status, action.completed_on = locked.status, locked.completed_on
    return ProgressUpdate.objects.create(
        action=locked,
        text=text.strip(),
        status=status if moved else "",
        written_on=written_on,
        author=user,
    )


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
    _require_text(errors, summary=summary)
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


@transaction.atomic
def meeting_save(
    *,
    user: User,
    title: str,
    held_on: datetime.date,
    issues: Iterable[PracticeIssue] = (),
    organisations: Iterable[Organisation] = (),
    summary: str = "",
    location: str = "",
    working_group: WorkingGroup | None = None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Record a meeting and the practice issues it discussed, or correct the record."""
    if not can_record_meetings(user):
        raise PermissionDenied("Only Alliance members record meetings.")
    errors: dict = {}
    _require_text(errors, title=title)
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting."
    if errors:
        raise ValidationError(errors)
    if meeting is None:
        meeting = Meeting(recorded_by=user)
    meeting.title, meeting.held_on = title.strip(), held_on
    meeting.summary, meeting.location = summary.strip(), location.strip()
    meeting.working_group = working_group
    meeting.save()
    meeting.issues.set(list(issues))
    meeting.organisations.set(list(organisations))
    return meeting


@transaction.atomic
def working_group_save(
    *,
    user: User,
    name: str,
    purpose: str,
    issues: Iterable[PracticeIssue],
    organisations: Iterable[Organisation],
    lead_organisation: Organisation | None = None,
    formed_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
    working_group: WorkingGroup | None = None,
) -> WorkingGroup:
    """Set up a working group on some practice issues, or change it (closing it ends it)."""
    if not can_record_meetings(user):
        raise PermissionDenied("Only Alliance members set up working groups.")
    issues, organisations = list(issues), list(organisations)
    if lead_organisation is not None and lead_organisation not in organisations:
        organisations.append(lead_organisation)
    errors: dict = {}
    _require_text(errors, name=name, purpose=purpose)
    _check_issues(errors, issues, keep=working_group.issues.all() if working_group else ())
    if not organisations:
        errors["organisations"] = "Choose the organisations in the group."
    formed_on = formed_on or (working_group.formed_on if working_group else timezone.localdate())
    if closed_on and closed_on < formed_on:
        errors["closed_on"] = "A group cannot close before it was formed."
    clash = WorkingGroup.objects.filter(name__iexact=name.strip())
    if working_group is not None:
        clash = clash.exclude(pk=working_group.pk)
    if name.strip() and clash.exists():
        errors["name"] = "There is already a working group with this name."
    if errors:
        raise ValidationError(errors)
    if working_group is None:
        working_group = WorkingGroup(created_by=user)
    working_group.name, working_group.purpose = name.strip(), purpose.strip()
    working_group.slug = _unique_slug(WorkingGroup, working_group.name, working_group.pk)
    working_group.lead_organisation = lead_organisation
    working_group.formed_on, working_group.closed_on = formed_on, closed_on
    working_group.save()
    working_group.issues.set(issues)
    working_group.organisations.set(organisations)
    return working_group


@transaction.atomic
def organisation_get_or_create(
    *, name: str, sector: str, short_name: str = "", website: str = "", description: str = ""
) -> Organisation:
    """The member organisation of this name, created if it does not exist yet."""
    organisation, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "slug": _unique_slug(Organisation, short_name or name, None),
            "sector": sector,
            "short_name": short_name,
            "website": website,
            "description": description,
        },
    )
    return organisation


@transaction.atomic
def representative_appoint(
    *,
    user: User,
    organisation: Organisation,
    job_title: str = "",
    started_on: datetime.date | None = None,
) -> Representative:
    """Make ``user`` the representative of ``organisation``, ending any earlier representation."""
    started_on = started_on or timezone.localdate()
    current = Representative.objects.select_for_update().filter(user=user, ended_on__isnull=True)
    for representation in current:
        if representation.organisation_id == organisation.pk:
            return representation
        representation.ended_on = max(started_on, representation.started_on)
        representation.save(update_fields=["ended_on"])
    forget_organisation(user)
    return Representative.objects.create(
        user=user, organisation=organisation, job_title=job_title, started_on=started_on
    )
