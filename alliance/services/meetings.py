"""Meetings, the decisions taken at them, and working groups."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from ..models import Decision, Meeting, Organisation, WorkingGroup
from ..rules import can_record_meetings
from .common import check_issues, require_text, unique_slug


@transaction.atomic
def meeting_save(
    *,
    user: User,
    title: str,
    held_on: datetime.date,
    issues: Iterable[PracticeIssue] = (),
    organisations: Iterable[Organisation] = (),
    notes: str = "",
    location: str = "",
    working_group: WorkingGroup | None = None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Record a meeting, its agenda of practice issues and who attended, or correct the record."""
    if not can_record_meetings(user):
        raise PermissionDenied("Only Alliance members record meetings.")
    errors: dict = {}
    require_text(errors, title=title)
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting."
    if errors:
        raise ValidationError(errors)
    if meeting is None:
        meeting = Meeting(recorded_by=user)
    meeting.title, meeting.held_on = title.strip(), held_on
    meeting.notes, meeting.location = notes.strip(), location.strip()
    meeting.working_group = working_group
    meeting.save()
    meeting.issues.set(list(issues))
    meeting.organisations.set(list(organisations))
    return meeting


@transaction.atomic
def decision_save(
    *, user: User, meeting: Meeting, text: str, decision: Decision | None = None
) -> Decision:
    """Record a decision the meeting took, or correct its wording."""
    if not can_record_meetings(user):
        raise PermissionDenied("Only Alliance members record the decisions of meetings.")
    if decision is not None and decision.meeting_id != meeting.pk:
        raise PermissionDenied("That decision belongs to another meeting.")
    errors: dict = {}
    require_text(errors, decision=text)
    if errors:
        # The form's field is ``text``; the message says what is missing.
        raise ValidationError({"text": errors["decision"]})
    if decision is None:
        decision = Decision(meeting=meeting, recorded_by=user)
    decision.text = text.strip()
    decision.save()
    return decision


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
    require_text(errors, name=name, purpose=purpose)
    check_issues(errors, issues, keep=working_group.issues.all() if working_group else ())
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
    working_group.slug = unique_slug(WorkingGroup, working_group.name, working_group.pk)
    working_group.lead_organisation = lead_organisation
    working_group.formed_on, working_group.closed_on = formed_on, closed_on
    working_group.save()
    working_group.issues.set(issues)
    working_group.organisations.set(organisations)
    return working_group
