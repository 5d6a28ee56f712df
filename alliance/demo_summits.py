"""Demo data for the digital summits: a closed-for-causes round with approved causes and
solutions and its summary, and a round asking for causes, for the demo practitioner.

The demo user ``practitioner`` (a health visitor, verified) has contributions in each
state. The other contributors are invented practitioners who cannot sign in. Every
contribution is invented for the demo. Safe to run again: nothing is duplicated.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User

from .choices import PractitionerSector
from .models import Practitioner, SummitRound
from .selectors import round_summary_draft
from .services import (
    contribution_approve,
    contribution_create,
    contribution_reject,
    summit_round_advance,
    summit_round_open,
    summit_round_summarise,
)

ROUND_TITLE = "Why do concerns about neglect go unshared? (demo)"
CONTRIBUTORS = (
    # username, sector
    ("practitioner", PractitionerSector.HEALTH),
    ("demo-health-visitor", PractitionerSector.HEALTH),
    ("demo-school-nurse", PractitionerSector.HEALTH),
    ("demo-social-worker-1", PractitionerSector.CHILDRENS_SOCIAL_CARE),
    ("demo-social-worker-2", PractitionerSector.CHILDRENS_SOCIAL_CARE),
    ("demo-social-worker-3", PractitionerSector.CHILDRENS_SOCIAL_CARE),
    ("demo-police-officer", PractitionerSector.POLICE),
)
CAUSES = (
    (0, "Referral forms ask for certainty we do not have after one home visit, so we wait."),
    (1, "Nobody tells health visitors what happened after a referral, so we stop referring."),
    (3, "Neglect builds slowly; each visit looks 'not quite bad enough' on its own."),
    (4, "We see different parts of the picture and there is no routine place to put it together."),
    (5, "Thresholds for neglect differ between neighbouring areas and families move across them."),
    (6, "Police attend for something else and do not see the state of the home as our business."),
)
SOLUTIONS = (
    (2, "A named social worker to talk a concern through before a formal referral is made."),
    (3, "A short chronology of small concerns kept by the school nurse and shared each term."),
    (4, "Feedback to every referrer within ten working days on what was decided and why."),
    (5, "Joint visits for families just below threshold, so two services see the same home."),
)


def _contributor(username: str, sector: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.PRACTITIONER.label))
    Practitioner.objects.update_or_create(
        user=user,
        defaults={
            "organisation": "Demo organisation",
            "sector": sector,
            "verified_at": timezone.now(),
        },
    )
    return user


def summits_demo_seed() -> list[str]:
    """Create the demo summits; safe to run again."""
    with transaction.atomic():
        people = [_contributor(username, sector) for username, sector in CONTRIBUTORS]
        if SummitRound.objects.filter(title=ROUND_TITLE).exists():
            return ["The demo digital summits are already there."]
        _seed_rounds(people)
    return [
        f"Digital summits: a round with {len(CAUSES)} causes and {len(SOLUTIONS)} solutions "
        "approved, and one asking for causes; the demo user 'practitioner' (a verified "
        "practitioner) has contributions waiting, approved and rejected."
    ]


def _seed_rounds(people: list[User]) -> None:
    analyst = User.objects.get(username="analyst")
    issues = {issue.code: issue for issue in PracticeIssue.objects.filter(code__in=["D2", "D7"])}
    first, second = issues.get("D7"), issues.get("D2")
    if first is None or second is None:
        first = second = PracticeIssue.objects.order_by("code").first()
    summit = summit_round_open(
        user=analyst,
        issue=first,
        title=ROUND_TITLE,
        question="What stops practitioners sharing a concern about neglect with another agency?",
    )
    for author, text in CAUSES:
        made = contribution_create(user=people[author], summit=summit, text=text)
        contribution_approve(user=analyst, contribution=made)
    rejected = contribution_create(
        user=people[0],
        summit=summit,
        text="The family at the end of our road were known to everyone and nothing happened.",
    )
    contribution_reject(
        user=analyst,
        contribution=rejected,
        reason="It could identify a family. Write about practice, not a particular family.",
    )
    summit = summit_round_advance(user=analyst, summit=summit)
    for author, text in SOLUTIONS:
        made = contribution_create(user=people[author], summit=summit, text=text)
        contribution_approve(user=analyst, contribution=made)
    contribution_create(
        user=people[0],
        summit=summit,
        text="Health visitors could join the first strategy discussion by phone, as routine.",
    )
    summit_round_summarise(
        user=analyst,
        summit=summit,
        summary=round_summary_draft(summit=summit)
        + "practitioners described referral as all-or-nothing, and feedback after a referral "
        "as rare. Their solutions put a conversation before the form, and feedback after it.",
    )
    summit_round_open(
        user=analyst,
        issue=second,
        title="Weighing up a medical opinion (demo)",
        question="When a medical opinion is uncertain, what makes it hard to question it?",
    )
