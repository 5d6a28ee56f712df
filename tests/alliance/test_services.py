"""Alliance writes: who may make them, what they check, and that each is traced."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.choices import ActionStatus, EvidenceKind
from alliance.models import Representative
from alliance.rules import represented_organisation
from alliance.services import (
    action_create,
    action_edit,
    action_publish,
    impact_evidence_create,
    meeting_save,
    progress_update_create,
    representative_appoint,
    working_group_save,
)
from collation.models import PracticeIssue
from tests.alliance.conftest import issues
from tests.date_input import date_input_data

pytestmark = pytest.mark.django_db


def test_a_member_records_an_action_for_the_organisation_they_represent(member, rcpch, police):
    action = action_create(
        user=member,
        title="  Guidance for paediatricians  ",
        description="What to say about certainty.",
        issues=issues("D2", "D7"),
        partners=[police, rcpch],  # the lead is dropped from its own partners
        due_on=datetime.date(2030, 1, 1),
    )
    assert action.organisation == rcpch
    assert action.owner == member
    assert action.title == "Guidance for paediatricians"
    assert list(action.partners.all()) == [police]
    assert sorted(issue.code for issue in action.issues.all()) == ["D2", "D7"]
    assert action.status == ActionStatus.PROPOSED
    assert not action.is_published


def test_a_member_cannot_record_for_another_organisation(member, police):
    with pytest.raises(PermissionDenied):
        action_create(
            user=member, title="T", description="D", issues=issues("D7"), organisation=police
        )


@pytest.mark.parametrize("who", ["analyst", "manager", "reviewer"])
def test_other_roles_record_no_actions(request, who):
    with pytest.raises(PermissionDenied):
        action_create(
            user=request.getfixturevalue(who), title="T", description="D", issues=issues("D7")
        )


def test_a_member_without_an_organisation_records_no_actions(alliance_member):
    with pytest.raises(PermissionDenied, match="represent an organisation"):
        action_create(user=alliance_member, title="T", description="D", issues=issues("D7"))


def test_an_administrator_records_for_any_member_organisation(administrator, police_member, police):
    action = action_create(
        user=administrator,
        title="T",
        description="D",
        issues=issues("C3"),
        organisation=police,
        owner=police_member,
    )
    assert (action.organisation, action.owner) == (police, police_member)


def test_every_mistake_is_reported_at_once(member):
    with pytest.raises(ValidationError) as error:
        action_create(user=member, title=" ", description="", issues=[], status=ActionStatus.DONE)
    assert set(error.value.message_dict) == {"title", "description", "issues", "status"}


def test_the_person_responsible_must_represent_the_lead_or_a_partner(
    member, police, police_member, adcs_member
):
    with pytest.raises(ValidationError) as error:
        action_create(
            user=member, title="T", description="D", issues=issues("D7"), owner=adcs_member
        )
    assert "owner" in error.value.message_dict
    # A partner's representative may be responsible.
    action = action_create(
        user=member,
        title="T",
        description="D",
        issues=issues("D7"),
        partners=[police],
        owner=police_member,
    )
    assert action.owner == police_member


def test_retired_issues_take_no_new_actions_but_keep_old_ones(member, make_action):
    action = make_action(codes=("D7",))
    PracticeIssue.objects.filter(code="D7").update(retired_at=timezone.now())
    with pytest.raises(ValidationError, match="Retired issues"):
        make_action(codes=("D7",))
    # Editing the existing action keeps its retired issue.
    action_edit(user=member, action=action, title="New title", description="D", issues=issues("D7"))
    assert action.issues.get().code == "D7"


def test_partners_change_the_action_others_cannot(
    make_action, member, police, police_member, adcs_member
):
    action = make_action(partners=[police])
    action_edit(
        user=police_member,
        action=action,
        title="Changed by a partner",
        description="D",
        issues=issues("D7", "D5"),
        partners=[police],
    )
    assert action.title == "Changed by a partner"
    with pytest.raises(PermissionDenied):
        action_edit(user=adcs_member, action=action, title="X", description="D", issues=[])
    with pytest.raises(PermissionDenied):
        progress_update_create(user=adcs_member, action=action, text="Not mine")


def test_only_administrators_move_an_action_to_another_organisation(
    make_action, member, police, administrator
):
    action = make_action()
    with pytest.raises(PermissionDenied):
        action_edit(
            user=member,
            action=action,
            title="T",
            description="D",
            issues=issues("D7"),
            organisation=police,
            owner=administrator,
        )
    action_edit(
        user=administrator,
        action=action,
        title="T",
        description="D",
        issues=issues("D7"),
        organisation=police,
        owner=administrator,
    )
    assert action.organisation == police


def test_progress_moves_the_status_and_dates_completion(make_action, member):
    action = make_action()
    first = progress_update_create(
        user=member, action=action, text="Drafted.", status=ActionStatus.IN_PROGRESS
    )
    assert (first.status, action.status) == (ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS)
    same = progress_update_create(
        user=member, action=action, text="Still drafting.", status=ActionStatus.IN_PROGRESS
    )
    assert same.status == ""  # no change of status recorded
    done_on = timezone.localdate() - datetime.timedelta(days=2)
    progress_update_create(
        user=member, action=action, text="Published.", status=ActionStatus.DONE, written_on=done_on
    )
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.DONE, done_on)
    progress_update_create(
        user=member, action=action, text="Reopened.", status=ActionStatus.IN_PROGRESS
    )
    action.refresh_from_db()
    assert action.completed_on is None
    assert [u.text for u in action.updates.order_by("created_at")] == [
        "Drafted.",
        "Still drafting.",
        "Published.",
        "Reopened.",
    ]


def test_an_update_needs_text_and_no_future_date(make_action, member):
    action = make_action()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        progress_update_create(user=member, action=action, text=" ", written_on=tomorrow)
    assert set(error.value.message_dict) == {"text", "written_on"}


def test_a_done_action_always_has_a_completion_date(make_action):
    action = make_action()
    action.status = ActionStatus.DONE
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_evidence_of_impact(make_action, member):
    action = make_action()
    evidence = impact_evidence_create(
        user=member,
        action=action,
        kind=EvidenceKind.FEEDBACK,
        summary="Social workers ask what the paediatrician is unsure about.",
        link="https://example.org/evaluation",
    )
    assert action.evidence.get() == evidence
    assert evidence.author == member


def test_publishing_and_taking_back(make_action, member):
    action = make_action()
    action_publish(user=member, action=action)
    published_at = action.published_at
    assert published_at is not None
    action_publish(user=member, action=action)  # publishing again keeps the first date
    assert action.published_at == published_at
    action_publish(user=member, action=action, publish=False)
    assert action.published_at is None


def test_meetings_and_working_groups_are_recorded_by_members(member, analyst, rcpch, police):
    meeting = meeting_save(
        user=member,
        title="Third Alliance meeting",
        held_on=datetime.date(2016, 3, 1),
        issues=issues("D7"),
        organisations=[rcpch, police],
    )
    assert meeting.recorded_by == member
    with pytest.raises(PermissionDenied):
        meeting_save(user=analyst, title="T", held_on=datetime.date(2016, 3, 1))
    group = working_group_save(
        user=member,
        name="Health opinions",
        purpose="What health says and others hear.",
        issues=issues("D2", "D7"),
        organisations=[police],
        lead_organisation=rcpch,
    )
    assert group.slug == "health-opinions"
    assert set(group.organisations.all()) == {rcpch, police}  # the lead is a member
    with pytest.raises(ValidationError, match="already a working group"):
        working_group_save(
            user=member,
            name="health opinions",
            purpose="P",
            issues=issues("D7"),
            organisations=[rcpch],
        )


def test_a_person_represents_one_organisation_at_a_time(alliance_member, rcpch, police):
    first = representative_appoint(user=alliance_member, organisation=rcpch)
    assert represented_organisation(alliance_member) == rcpch
    representative_appoint(user=alliance_member, organisation=police)
    first.refresh_from_db()
    assert first.ended_on is not None
    assert represented_organisation(alliance_member) == police
    with pytest.raises(IntegrityError), transaction.atomic():
        Representative.objects.create(user=alliance_member, organisation=rcpch)


def test_every_change_is_traced_to_who_made_it(client, member, rcpch):
    client.force_login(member)
    response = client.post(
        "/alliance/actions/new/",
        {
            "title": "Traced action",
            "description": "D",
            "issues": [issues("D7")[0].pk],
            "status": ActionStatus.PROPOSED,
        },
    )
    assert response.status_code == 302, response.content
    action = rcpch.actions.get()
    client.post(
        f"/alliance/actions/{action.pk}/progress/",
        {
            "text": "Started",
            "status": ActionStatus.IN_PROGRESS,
            **date_input_data("written_on", timezone.localdate()),
        },
    )
    entries = LogEntry.objects.get_for_object(action).order_by("timestamp")
    assert entries.first().action == LogEntry.Action.CREATE
    assert all(entry.actor == member for entry in entries)
    assert entries.last().changes_dict["status"] == ["proposed", "in_progress"]
    update = action.updates.get()
    assert LogEntry.objects.get_for_object(update).get().actor == member
