"""Demo learning material: a briefing on C5 with its three audience versions, and C5's
training pack, both published, written through the real services as the demo analyst.

Runs after the demo reports (``collation.demo``), whose verified codings of C5 give
the briefing's excerpts and the pack's vignette. Safe to run again: it changes the
same briefing and pack.
"""

from scr_platform.accounts.models import User

from .models import Audience, Briefing, Coding, PracticeIssue, Review
from .services.briefings import briefing_publish, briefing_save
from .services.learning import (
    VIGNETTE_MOST,
    briefing_audience_save,
    training_pack_publish,
    training_pack_save,
)

ISSUE = "C5"
TITLE = "Sexual health concerns are safeguarding concerns"

AUDIENCES = {
    Audience.PRACTITIONERS: (
        "When a young person's sexual activity or sexual health raises a worry, treat it as "
        "a safeguarding concern: talk to your safeguarding lead the same day and refer to "
        "children's social care when the guidance says so. Record what you were told and "
        "what you did.",
        "Does this happen here?\n"
        "Would I recognise a disclosure of rape or sexual abuse in a sexual health setting?\n"
        "Do I know our guidance on when a young person's sexual activity needs a referral?\n"
        "Who would I talk to today if I were unsure?",
    ),
    Audience.MANAGERS: (
        "Check that staff in sexual health, school nursing and youth services know the "
        "guidance on disclosures, and that supervision asks about young people's sexual "
        "health. Audit a sample of records for concerns that were not referred.",
        "Does this happen here?\n"
        "When did we last audit sexual health records for missed referrals?\n"
        "Does supervision give staff room to raise a worry they are unsure of?\n"
        "Do our new staff learn the guidance in their first month?",
    ),
    Audience.BOARD: (
        "Ask partners for assurance that sexual health concerns lead to referrals, with "
        "figures, and include the issue in the board's multi-agency audit programme.",
        "Does this happen here?\n"
        "What assurance has the board had on referrals from sexual health services?\n"
        "Which partner leads the work, and when will the board hear of it?",
    ),
}

PACK = {
    "introduction": (
        "A 14-year-old attends a sexual health clinic several times over a year. Staff "
        "give advice and treatment. The young person's age, what they say about an older "
        "partner and the repeated visits are each noted, but no one puts them together as "
        "a safeguarding concern, and no referral is made."
    ),
    "questions": (
        "Does this happen here?\n"
        "What in the vignette should have prompted a conversation with the safeguarding lead?\n"
        "What stops practitioners from seeing sexual health concerns as safeguarding?\n"
        "How would our records show that a concern was considered and why it was or was "
        "not referred?\n"
        "What one change would make a referral more likely here?"
    ),
    "trainer_notes": (
        "Allow 45 minutes. Read the vignette aloud, then take the questions in small groups "
        "of mixed agencies. Listen for uncertainty about confidentiality and consent: it is "
        "the most common reason given for not referring. Close with the figures and the "
        "good practice, and ask each group for one action."
    ),
}


def learning_demo_seed() -> list[str]:
    analyst = User.objects.get(username="analyst")
    issue = PracticeIssue.objects.get(code=ISSUE)
    excerpts = list(Coding.objects.public().filter(issue=issue).order_by("pk")[:VIGNETTE_MOST])
    latest = (
        Review.objects.public()
        .filter(is_synthetic=False)
        .exclude(publication_date=None)
        .order_by("-publication_date")
        .values_list("publication_date", flat=True)
        .first()
    )
    briefing = briefing_save(
        user=analyst,
        briefing=Briefing.objects.filter(title=TITLE).first(),
        title=TITLE,
        period=str(latest.year) if latest else "all",
        summary=(
            "Reviews keep finding that information about a young person's sexual activity "
            "or sexual health did not lead to a referral to children's social care, because "
            "guidance on disclosures was misapplied or not known."
        ),
        issues=[issue],
        excerpts=excerpts,
    )
    briefing_publish(user=analyst, briefing=briefing)
    for audience, (what_to_do, questions) in AUDIENCES.items():
        briefing_audience_save(
            user=analyst,
            briefing=briefing,
            audience=audience,
            what_to_do=what_to_do,
            questions=questions,
        )
    pack = training_pack_save(user=analyst, issue=issue, excerpts=excerpts, **PACK)
    training_pack_publish(user=analyst, pack=pack)
    return [
        f"Briefing “{TITLE}” published with versions for practitioners, managers and "
        f"board members: {briefing.get_absolute_url()}",
        f"Training pack on {ISSUE} published ({len(excerpts)} excerpt"
        f"{'' if len(excerpts) == 1 else 's'} in its vignette): "
        f"{pack.get_absolute_url()}",
    ]
