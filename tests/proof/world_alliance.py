"""The proof's world for the Alliance, made through its services.

Two member organisations: the world's Alliance member represents one, a
colleague (not one of the matrix's roles) the other. The colleague's
organisation has published an action, with a progress update and evidence of
impact, and has one it has not published; the Alliance member's organisation
has one it has not published either. So the Alliance member sees an action
it may not change (another organisation's, published), one it may (its own
draft) and one it may not see at all (the other organisation's draft).

The Alliance member set up a working group, recorded a meeting of it with a
decision, and recorded good practice (so an analyst, who may record good
practice, still may not change theirs).

The analyst opened a digital summit on the issue. The world's practitioner
(verified) has a contribution waiting to be checked; another practitioner has
one approved and one waiting: so the practitioner sees their own unmoderated
contribution and nobody's else.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from alliance.choices import ActionStatus, EvidenceKind, Sector
from alliance.models import (
    Action,
    Contribution,
    Decision,
    GoodPractice,
    ImpactEvidence,
    Meeting,
    Organisation,
    Practitioner,
    ProgressUpdate,
    Representative,
    SummitRound,
    WorkingGroup,
)
from alliance.services import (
    action_create,
    action_publish,
    contribution_approve,
    contribution_create,
    decision_save,
    good_practice_save,
    impact_evidence_create,
    meeting_save,
    organisation_get_or_create,
    progress_update_create,
    representative_appoint,
    summit_round_open,
    working_group_save,
)
from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from tests.factories import UserFactory


@dataclass
class Alliance:
    colleague: User  # represents the other organisation; not one of the matrix's roles
    organisation: Organisation  # the Alliance member's
    other_organisation: Organisation  # the colleague's
    representative: Representative  # the Alliance member's
    action: Action  # the other organisation's, published
    update: ProgressUpdate  # on the published action
    evidence: ImpactEvidence  # on the published action
    draft_action: Action  # the Alliance member's organisation's, not published
    other_draft: Action  # the other organisation's, not published
    working_group: WorkingGroup
    meeting: Meeting  # of the working group
    decision: Decision
    good_practice: GoodPractice  # recorded by the Alliance member
    summit: SummitRound  # opened by the analyst, asking for causes
    own_waiting: Contribution  # the practitioner's, not yet checked
    other_waiting: Contribution  # another practitioner's, not yet checked
    approved: Contribution  # another practitioner's, approved (public)
    verify_token: str  # the link e-mailed to the practitioner


def _summit_build(*, issue: PracticeIssue, users: dict[str, User | None]) -> dict:
    from alliance.services.practitioners import verification_token

    practitioner = users["practitioner"]
    other = UserFactory(username="practitioner-colleague", roles=[Role.PRACTITIONER])
    for user, sector in ((practitioner, "health"), (other, "police")):
        Practitioner.objects.create(
            user=user, organisation="A trust", sector=sector, verified_at=timezone.now()
        )
    summit = summit_round_open(
        user=users["analyst"],
        issue=issue,
        title="Sharing concerns about neglect",
        question="What stops concerns about neglect being shared?",
    )
    text = "Referral forms ask for more than a health visitor knows at the time."
    approved = contribution_create(user=other, summit=summit, text=text)
    contribution_approve(user=users["analyst"], contribution=approved)
    return {
        "summit": summit,
        "own_waiting": contribution_create(user=practitioner, summit=summit, text=text),
        "other_waiting": contribution_create(user=other, summit=summit, text=text),
        "approved": approved,
        "verify_token": verification_token(practitioner),
    }


def alliance_build(*, issue: PracticeIssue, users: dict[str, User | None]) -> Alliance:
    member = users["alliance"]
    colleague = UserFactory(username="alliance-colleague", roles=[Role.ALLIANCE_MEMBER])
    organisation = organisation_get_or_create(
        name="Association of Directors of Children's Services",
        short_name="ADCS",
        sector=Sector.LOCAL_GOVERNMENT,
    )
    other_organisation = organisation_get_or_create(
        name="Royal College of Nursing", short_name="RCN", sector=Sector.HEALTH
    )
    representative = representative_appoint(
        user=member, organisation=organisation, job_title="Policy lead"
    )
    representative_appoint(user=colleague, organisation=other_organisation)

    today = timezone.localdate()
    action = action_create(
        user=colleague,
        title="Guidance for health visitors on sharing concerns about neglect",
        description="Publish and train on guidance for sharing concerns with social care.",
        issues=[issue],
        status=ActionStatus.IN_PROGRESS,
        due_on=today + timedelta(days=90),
    )
    action_publish(user=colleague, action=action)
    update = progress_update_create(
        user=colleague, action=action, text="The guidance is drafted and out for consultation."
    )
    evidence = impact_evidence_create(
        user=colleague,
        action=action,
        kind=EvidenceKind.GUIDANCE,
        summary="Guidance published and used in training.",
    )
    draft_action = action_create(
        user=member,
        title="A national audit of neglect referrals",
        description="Audit how referrals about neglect are received.",
        issues=[issue],
    )
    other_draft = action_create(
        user=colleague,
        title="Supervision standards for school nurses",
        description="Not ready to share yet.",
        issues=[issue],
    )
    working_group = working_group_save(
        user=member,
        name="Neglect working group",
        purpose="Agree what each organisation will do about neglect.",
        issues=[issue],
        organisations=[organisation, other_organisation],
        lead_organisation=organisation,
    )
    meeting = meeting_save(
        user=member,
        title="Neglect working group: first meeting",
        held_on=today - timedelta(days=7),
        issues=[issue],
        organisations=[organisation, other_organisation],
        working_group=working_group,
        notes="Discussed the trend grid's findings on neglect.",
    )
    decision = decision_save(
        user=member, meeting=meeting, text="ADCS to lead a national audit of neglect referrals."
    )
    good_practice = good_practice_save(
        user=member,
        title="Joint neglect screening",
        what_worked="Health and social care screen neglect referrals together each morning.",
        where="Northshire",
        issues=[issue],
        organisation=organisation,
    )
    return Alliance(
        colleague=colleague,
        organisation=organisation,
        other_organisation=other_organisation,
        representative=representative,
        action=action,
        update=update,
        evidence=evidence,
        draft_action=draft_action,
        other_draft=other_draft,
        working_group=working_group,
        meeting=meeting,
        decision=decision,
        good_practice=good_practice,
        **_summit_build(issue=issue, users=users),
    )
