"""Demo data for the Alliance: members, a meeting, a working group, actions with progress.

The organisations are those the LiPP evaluation names as Alliance members;
every meeting and action here is invented for the demo. The demo user
``alliance`` represents the RCPCH; no other demo users are added. Safe to
run again: nothing is duplicated.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from .choices import ActionStatus, EvidenceKind, Sector
from .models import Action, Meeting
from .services import (
    action_create,
    action_publish,
    decision_save,
    good_practice_save,
    impact_evidence_create,
    meeting_save,
    organisation_get_or_create,
    progress_update_create,
    representative_appoint,
    working_group_save,
)

MEMBERS = (
    # name, short name, sector
    ("Association of Directors of Children's Services", "ADCS", Sector.LOCAL_GOVERNMENT),
    ("College of Policing", "", Sector.POLICING),
    ("NHS England", "", Sector.HEALTH),
    ("Home Office", "", Sector.GOVERNMENT),
    ("Royal College of Paediatrics and Child Health", "RCPCH", Sector.PROFESSIONAL),
    ("Royal College of Nursing", "RCN", Sector.PROFESSIONAL),
)

MEETING_TITLE = "Alliance meeting: health input to multi-agency decisions (demo)"
ACTIONS = (
    # title, lead, partners, issues, status, due (days from today), published, owner
    (
        "Guidance for paediatricians on saying how certain a medical opinion is",
        "RCPCH",
        ["ADCS"],
        ["D2", "D7"],
        ActionStatus.IN_PROGRESS,
        120,
        True,
        "alliance",
    ),
    (
        "Joint training module on challenging other professionals' conclusions",
        "College of Policing",
        ["RCPCH", "NHS England"],
        ["D7", "D5"],
        ActionStatus.PROPOSED,
        240,
        True,
        "alliance",  # the RCPCH's representative, as a partner
    ),
    (
        "Audit of referral forms for how they convey risk",
        "ADCS",
        [],
        ["C1", "C3"],
        ActionStatus.PROPOSED,
        90,
        False,
        "admin",  # no ADCS representative among the demo users
    ),
)


# Invented for the demo, on the issues the demo actions tackle.
GOOD_PRACTICE = (
    # title, what worked, where, issues
    (
        "Paediatricians say how certain they are, in writing",
        "Every child protection medical report ends with a short statement of how certain "
        "the paediatrician is about the cause of an injury, and what would change their view. "
        "Social workers and police said they knew what to ask next.",
        "A children's hospital trust in the North West (demo)",
        ["D7", "D2"],
    ),
    (
        "Referral forms that ask what the referrer is worried will happen",
        "The referral form asks the referrer to say in their own words what they fear will "
        "happen to the child, before any tick boxes. Screening decisions cited it more often.",
        "A multi-agency safeguarding hub in the Midlands (demo)",
        ["C1", "C3"],
    ),
)
# The meeting's decision not (yet) an action: the demo shows "Make this decision an action".
OPEN_DECISION = (
    "Ask the analysts for a briefing on how often reviews find health opinions go "
    "unchallenged, for the next meeting."
)


def alliance_demo_seed() -> list[str]:
    """Create the demo Alliance; safe to run again."""
    with transaction.atomic():
        organisations = {
            short or name: organisation_get_or_create(name=name, short_name=short, sector=sector)
            for name, short, sector in MEMBERS
        }
        alliance_user = User.objects.get(username="alliance")
        representative_appoint(
            user=alliance_user,
            organisation=organisations["RCPCH"],
            job_title="Officer for child protection",
        )
        if Action.objects.filter(title=ACTIONS[0][0]).exists():
            return ["The demo Alliance is already there."]
        _seed_work(organisations=organisations)
    return [
        f"Alliance: {len(MEMBERS)} member organisations, a meeting with its decisions, a "
        f"working group, {len(ACTIONS)} actions and {len(GOOD_PRACTICE)} examples of good "
        "practice; the demo user 'alliance' represents the RCPCH."
    ]


def _seed_work(*, organisations: dict) -> None:
    today = timezone.localdate()
    issues = {issue.code: issue for issue in PracticeIssue.objects.all()}
    admin = User.objects.get(username="admin")
    meeting = Meeting.objects.filter(title=MEETING_TITLE).first() or meeting_save(
        user=admin,
        title=MEETING_TITLE,
        held_on=today - datetime.timedelta(days=60),
        location="London",
        issues=[issues["D2"], issues["D7"], issues["C3"]],
        organisations=list(organisations.values()),
        notes=(
            "The analysis of reviews showed other agencies treating a paediatrician's view "
            "as settling the cause of an injury. Members agreed to set up a small working "
            "group to develop solutions, and each took away one action."
        ),
    )
    group = working_group_save(
        user=admin,
        name="Health opinions in multi-agency decisions",
        purpose=(
            "What health professionals say, and what others understand by it: making the "
            "certainty of a medical opinion clear, and making challenge normal."
        ),
        issues=[issues["D2"], issues["D5"], issues["D7"]],
        organisations=[organisations[o] for o in ("RCPCH", "College of Policing", "NHS England")],
        lead_organisation=organisations["RCPCH"],
        formed_on=today - datetime.timedelta(days=45),
    )
    for title, lead, partners, codes, status, due_in, published, owner_name in ACTIONS:
        owner = User.objects.get(username=owner_name)
        decision = decision_save(
            user=admin, meeting=meeting, text=f"{lead} will take forward: {title.lower()}."
        )
        action = action_create(
            user=admin,
            title=title,
            description=(
                f"{title}. Developed with practitioners and tested with Local Safeguarding "
                "Children Boards before it is shared nationally."
            ),
            issues=[issues[code] for code in codes],
            organisation=organisations[lead],
            partners=[organisations[p] for p in partners],
            owner=owner,
            working_group=group if lead != "ADCS" else None,
            decision=decision,
            status=ActionStatus.PROPOSED,
            due_on=today + datetime.timedelta(days=due_in),
        )
        if status != ActionStatus.PROPOSED:
            progress_update_create(
                user=owner,
                action=action,
                text="A first draft has gone to the working group for comment.",
                status=status,
                written_on=today - datetime.timedelta(days=20),
            )
        if published:
            action_publish(user=admin, action=action)
    decision_save(user=admin, meeting=meeting, text=OPEN_DECISION)
    analyst = User.objects.filter(username="analyst").first() or admin
    for title, what_worked, where, codes in GOOD_PRACTICE:
        good_practice_save(
            user=analyst,
            title=title,
            what_worked=what_worked,
            where=where,
            issues=[issues[code] for code in codes],
            organisation=organisations["RCPCH"] if "D7" in codes else None,
        )
    first = Action.objects.get(title=ACTIONS[0][0])
    impact_evidence_create(
        user=first.owner,
        action=first,
        kind=EvidenceKind.FEEDBACK,
        summary=(
            "Paediatricians in two pilot areas now state how certain their opinion is in "
            "strategy meetings; social workers said this changed what they asked next."
        ),
        observed_on=today - datetime.timedelta(days=5),
    )
