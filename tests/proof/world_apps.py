"""The proof's world for Quality Markers and reviewer development, made through their services.

Quality Markers: the draft review's lead reviewer has started an assessment of
it (one marker answered); the board's manager has submitted one from the
setting-up point; the reviewer has given feedback on a marker.

Reviewer development: the lead reviewer's directory profile is for boards only,
a colleague's is public; a round whose allocation is confirmed (the reviewer
was placed on a session held today, attended it and gave feedback, so it is in
their CPD log) and an open round; one more CPD activity of the reviewer's own.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from collation.choices import ReviewModel
from collation.models import Review
from masterclasses.choices import (
    ActivityKind,
    Agreement,
    Availability,
    Background,
    ReadingKind,
    Visibility,
)
from masterclasses.models import (
    AllocationRun,
    Application,
    ApplicationRound,
    CpdActivity,
    Feedback,
    Place,
    ReadingItem,
    ReviewerProfile,
    Session,
    Topic,
)
from masterclasses.services.allocation import allocation_confirm, allocation_run
from masterclasses.services.applications import application_save, round_close
from masterclasses.services.attendance import attendance_record, feedback_save
from masterclasses.services.cpd import cpd_activity_save
from masterclasses.services.profiles import profile_save
from quality_markers.choices import Audience, Point, Rating, Usefulness
from quality_markers.models import Assessment, Framework, Marker, MarkerFeedback
from quality_markers.selectors import assessment_markers, framework_current
from quality_markers.services import (
    assessment_start,
    assessment_submit,
    marker_feedback_create,
    rating_save,
)
from scr_platform.accounts.choices import Region, Role
from scr_platform.accounts.models import User
from tests.factories import UserFactory


@dataclass
class QualityMarkers:
    framework: Framework
    marker: Marker
    assessment: Assessment  # the lead reviewer's draft, of the draft review
    submitted: Assessment  # the board manager's, submitted
    feedback: MarkerFeedback


def quality_markers_build(*, draft: Review, users: dict[str, User | None]) -> QualityMarkers:
    reviewer, manager = users["reviewer"], users["manager"]
    framework = framework_current()
    assert framework is not None, "the Quality Markers migration should have published version 1"
    assessment = assessment_start(
        user=reviewer, review=draft, point=Point.RETROSPECTIVE, audience=Audience.LEAD_REVIEWER
    )
    marker = assessment_markers(assessment=assessment).first[0].marker
    rating_save(
        user=reviewer,
        assessment=assessment,
        marker=marker,
        rating=Rating.PARTLY_MET,
        evidence="The terms of reference were agreed late.",
    )
    submitted = assessment_start(
        user=manager, review=draft, point=Point.SETTING_UP, audience=Audience.BOARD_MANAGER
    )
    for row in assessment_markers(assessment=submitted).first:
        rating_save(
            user=manager,
            assessment=submitted,
            marker=row.marker,
            rating=Rating.MET,
            evidence="Yes.",
        )
    submitted = assessment_submit(user=manager, assessment=submitted)
    feedback = marker_feedback_create(
        user=reviewer, marker=marker, usefulness=Usefulness.VERY, comment="A useful prompt."
    )
    return QualityMarkers(framework, marker, assessment, submitted, feedback)


@dataclass
class Development:
    colleague: User  # another lead reviewer, not one of the matrix's roles
    profile: ReviewerProfile  # the lead reviewer's: for boards only
    public_profile: ReviewerProfile  # the colleague's: public
    topic: Topic
    reading: ReadingItem
    past_round: ApplicationRound  # allocated
    open_round: ApplicationRound
    session: Session  # of the past round, held today
    application: Application  # the lead reviewer's, in the past round
    run: AllocationRun  # confirmed
    place: Place  # the lead reviewer's
    feedback: Feedback  # the lead reviewer's, on the session
    activity: CpdActivity  # the lead reviewer's own entry (not a masterclass)


def development_build(*, users: dict[str, User | None]) -> Development:
    reviewer, admin = users["reviewer"], users["admin"]
    today = timezone.localdate()
    profile = profile_save(
        user=reviewer,
        background=Background.HEALTH,
        availability=Availability.AVAILABLE,
        visibility=Visibility.BOARDS,
        years_reviewing=6,
        regions=[Region.values[0]],
        methods=[ReviewModel.SILP],
        biography="A former designated nurse.",
    )
    colleague = UserFactory(username="colleague", roles=[Role.LEAD_REVIEWER])
    public_profile = profile_save(
        user=colleague,
        background=Background.SOCIAL_WORK,
        availability=Availability.LIMITED,
        visibility=Visibility.PUBLIC,
    )

    topics = list(Topic.objects.order_by("position")[:2])
    assert len(topics) == 2, "the masterclasses migration should have loaded the topics"
    reading = ReadingItem.objects.create(
        topic=topics[0],
        kind=ReadingKind.PRE_READING,
        title="Learning together to safeguard children",
        source="SCIE, 2008",
    )
    past_round = ApplicationRound.objects.create(
        title="Spring masterclasses", closing_date=today + timedelta(days=7)
    )
    session = Session.objects.create(
        topic=topics[0], round=past_round, date=today, venue="Leeds", capacity=12
    )
    application = application_save(
        user=reviewer, application_round=past_round, first_choice=session
    )
    round_close(user=admin, application_round=past_round)
    run = allocation_confirm(
        user=admin,
        run=allocation_run(user=admin, application_round=past_round, seed=2016),
    )
    attendance_record(user=admin, session=session, attended={reviewer.pk: True})
    feedback = feedback_save(
        user=reviewer,
        session=session,
        skills=Agreement.values[0],
        ideas=Agreement.values[1],
        ongoing=Agreement.values[0],
        most_helpful="Working through a case together.",
    )
    activity = cpd_activity_save(
        user=reviewer,
        date=today - timedelta(days=1),
        title="Read the biennial analysis",
        kind=ActivityKind.READING,
        hours=Decimal("2.5"),
        reflection="Neglect again the most common theme.",
    )
    open_round = ApplicationRound.objects.create(
        title="Autumn masterclasses", closing_date=today + timedelta(days=30)
    )
    Session.objects.create(
        topic=topics[1], round=open_round, date=today + timedelta(days=60), online=True
    )
    return Development(
        colleague=colleague,
        profile=profile,
        public_profile=public_profile,
        topic=topics[0],
        reading=reading,
        past_round=past_round,
        open_round=open_round,
        session=session,
        application=application,
        run=run,
        place=run.places.get(application=application),
        feedback=feedback,
        activity=activity,
    )
