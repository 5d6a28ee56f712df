"""Demo masterclasses: an open round with a session of each topic, and the demo reviewer's
profile, application, a past masterclass attended and a CPD log."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region
from scr_platform.accounts.models import User

from .choices import ActivityKind, Availability, Background, ReadingKind, Visibility
from .models import ApplicationRound, ReadingItem, Session, Topic
from .services.applications import application_save
from .services.cpd import cpd_activity_save
from .services.profiles import profile_save

DEMO_ROUND = "Spring masterclasses (demo)"
VENUES = ["London", "Leeds", "Birmingham", None]  # None: online
# Invented reading, marked as such, so the topic pages show how lists look.
DEMO_READING = {
    "Systems thinking": [
        (ReadingKind.PRE_READING, "An introduction to systems thinking in case reviews (demo)"),
        (ReadingKind.FURTHER, "Learning Together: the SCIE systems model in practice (demo)"),
    ],
    "Qualitative research": [
        (ReadingKind.PRE_READING, "Thematic analysis for reviewers: a short guide (demo)"),
    ],
}


@transaction.atomic
def masterclasses_demo_seed() -> list[str]:
    """Create the demo round, sessions, reading and the demo reviewer's records; safe to rerun."""
    today = timezone.localdate()
    application_round, created = ApplicationRound.objects.get_or_create(
        title=DEMO_ROUND, defaults={"closing_date": today + timedelta(days=28)}
    )
    lines = [f"{'Created' if created else 'Kept'} the round “{DEMO_ROUND}”."]
    for number, topic in enumerate(Topic.objects.order_by("position")):
        venue = VENUES[number % len(VENUES)]
        Session.objects.get_or_create(
            topic=topic,
            round=application_round,
            defaults={
                "date": today + timedelta(days=42 + 7 * number),
                "online": venue is None,
                "venue": venue or "",
            },
        )
        for position, (kind, title) in enumerate(DEMO_READING.get(topic.title, []), start=1):
            ReadingItem.objects.get_or_create(
                topic=topic, title=title, defaults={"kind": kind, "position": position}
            )
    reviewer = User.objects.get(username="reviewer")
    profile_save(
        user=reviewer,
        background=Background.SOCIAL_WORK,
        background_detail="Independent social work consultant",
        biography="Has led reviews of neglect and of infant deaths, mostly with the SCIE model.",
        years_reviewing=6,
        other_reviews_led=9,
        availability=Availability.LIMITED,
        availability_note="One new review a quarter.",
        visibility=Visibility.PUBLIC,
        regions=[Region.NORTH_EAST, Region.YORKSHIRE_AND_HUMBER],
        methods=[ReviewModel.SCIE_SYSTEMS, ReviewModel.SILP],
    )
    sessions = list(application_round.sessions.order_by("date"))
    if application_round.status == "open" and len(sessions) >= 2:
        application_save(
            user=reviewer,
            application_round=application_round,
            first_choice=sessions[0],
            second_choice=sessions[1],
        )
        lines.append("The demo reviewer has applied (first and second choice).")
    if not reviewer.cpd_activities.filter(title="Peer supervision group").exists():
        cpd_activity_save(
            user=reviewer,
            date=today - timedelta(days=14),
            title="Peer supervision group",
            kind=ActivityKind.PEER_SUPPORT,
            hours=Decimal("2.5"),
            reflection="Discussed how to keep practitioners engaged in a hindsight-free review.",
        )
    lines.append(f"{len(sessions)} sessions; the demo reviewer's profile is public.")
    return lines
