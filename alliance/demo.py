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
        ActionStatus.PLANNED,
        240,
        True,
        "alliance",  # the RCPCH's representative, as a partner
    ),
    (
        "Audit of referral forms for how they convey risk",
        "ADCS",
        [],
        ["C1", "C3"],
        ActionStatus.PLANNED,
        90,
        False,
        "admin",  # no ADCS representative among the demo users
    ),
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
        f"Alliance: {len(MEMBERS)} member organisations, a meeting, a working group and "
        f"{len(ACTIONS)} actions; the demo user 'alliance' represents the RCPCH."
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
        summary=(
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
            meeting=meeting,
            status=ActionStatus.PLANNED,
            due_on=today + datetime.timedelta(days=due_in),
        )
        if status != ActionStatus.PLANNED:
            progress_update_create(
                user=owner,
                action=action,
                text="A first draft has gone to the working group for comment.",
                status=status,
                written_on=today - datetime.timedelta(days=20),
            )
        if published:
            action_publish(user=admin, action=action)
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
