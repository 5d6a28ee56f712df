"""Reads on masterclass topics, sessions, rounds and reviewers' outcomes."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ..choices import PlaceStatus, RoundStatus, RunStatus
from ..models import (
    AllocationRun,
    Application,
    ApplicationRound,
    Attendance,
    Feedback,
    Place,
    ReadingItem,
    Session,
    Topic,
)


def round_is_open(application_round: ApplicationRound, *, today=None) -> bool:
    """A round takes applications until the end of its closing date, unless closed early."""
    today = today or timezone.localdate()
    return (
        application_round.status == RoundStatus.OPEN
        and application_round.closed_early_at is None
        and today <= application_round.closing_date
    )


def open_round() -> ApplicationRound | None:
    """The round taking applications now (the one closing soonest, if several)."""
    today = timezone.localdate()
    return (
        ApplicationRound.objects.filter(
            status=RoundStatus.OPEN, closed_early_at__isnull=True, closing_date__gte=today
        )
        .order_by("closing_date", "pk")
        .first()
    )


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related("topic", "round")


def topic_list() -> QuerySet[Topic]:
    """Every topic with its reading lists and its sessions from today on."""
    upcoming = _sessions().filter(date__gte=timezone.localdate()).order_by("date", "pk")
    return Topic.objects.prefetch_related(
        Prefetch("reading", queryset=ReadingItem.objects.order_by("kind", "position", "title")),
        Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions"),
    )


def topic_sessions(*, topic: Topic) -> QuerySet[Session]:
    """A topic's sessions, past and to come."""
    return _sessions().filter(topic=topic).order_by("-date", "pk")


def round_sessions(*, application_round: ApplicationRound) -> QuerySet[Session]:
    """A round's sessions with how many chose each first and second."""
    return (
        _sessions()
        .filter(round=application_round)
        .annotate(
            first_choices=Count("first_choice_of", distinct=True),
            second_choices=Count("second_choice_of", distinct=True),
        )
        .order_by("date", "topic__position", "pk")
    )


def round_list() -> QuerySet[ApplicationRound]:
    """Every round, newest first, with its counts."""
    return ApplicationRound.objects.annotate(
        application_count=Count("applications", distinct=True),
        session_count=Count("sessions", distinct=True),
    )


def confirmed_run(*, application_round: ApplicationRound) -> AllocationRun | None:
    return application_round.runs.filter(status=RunStatus.CONFIRMED).first()


def run_places(*, run: AllocationRun) -> QuerySet[Place]:
    """Every outcome of a run, by session and order, with who and what."""
    return run.places.select_related(
        "application__reviewer", "session__topic", "application__first_choice__topic"
    ).order_by("session__date", "session__pk", "position")


def application_of(*, user, application_round: ApplicationRound) -> Application | None:
    return (
        Application.objects.filter(round=application_round, reviewer=user)
        .select_related("first_choice__topic", "second_choice__topic")
        .first()
    )


def places_of(*, user) -> QuerySet[Place]:
    """A reviewer's outcomes in confirmed runs: what they can see of the allocation."""
    return (
        Place.objects.filter(application__reviewer=user, run__status=RunStatus.CONFIRMED)
        .select_related("session__topic", "run__round")
        .order_by("-session__date", "pk")
    )


def applications_awaiting_places(*, user, today=None) -> QuerySet[Application]:
    """The reviewer's applications in rounds that have closed but whose places are not
    confirmed yet (the opposite of ``round_is_open``, before allocation)."""
    today = today or timezone.localdate()
    return (
        Application.objects.filter(reviewer=user, round__status=RoundStatus.OPEN)
        .filter(Q(round__closed_early_at__isnull=False) | Q(round__closing_date__lt=today))
        .select_related("round")
        .order_by("round__closing_date", "pk")
    )


def upcoming_places(*, user, today=None) -> QuerySet[Place]:
    """The reviewer's places offered, or on a waiting list, for sessions still to come."""
    today = today or timezone.localdate()
    return (
        places_of(user=user)
        .filter(session__date__gte=today, status__in=(PlaceStatus.PLACED, PlaceStatus.WAITING))
        .order_by("session__date", "pk")
    )


def waiting_position(*, place: Place) -> int | None:
    """Where a waiting place stands on its session's list (1 = next)."""
    if place.status != PlaceStatus.WAITING:
        return None
    ahead = Place.objects.filter(
        run=place.run_id, session=place.session_id, status=PlaceStatus.WAITING
    ).filter(Q(position__lt=place.position))
    return ahead.count() + 1


def attended_sessions(*, user) -> QuerySet[Session]:
    """The sessions the reviewer attended, with whether they have given feedback."""
    return (
        _sessions()
        .filter(attendances__reviewer=user, attendances__attended=True)
        .annotate(
            feedback_given=Count("feedback", filter=Q(feedback__reviewer=user), distinct=True)
        )
        .order_by("-date")
    )


def has_attended(*, user, session: Session) -> bool:
    return Attendance.objects.filter(session=session, reviewer=user, attended=True).exists()


def feedback_of(*, user, session: Session) -> Feedback | None:
    return Feedback.objects.filter(session=session, reviewer=user).first()


def session_attendees(*, session: Session) -> list[tuple]:
    """Who was placed on a session (confirmed run) and whether they attended, by name."""
    places = (
        Place.objects.filter(
            session=session, run__status=RunStatus.CONFIRMED, status=PlaceStatus.PLACED
        )
        .select_related("application__reviewer")
        .order_by("application__reviewer__last_name", "application__reviewer__first_name")
    )
    recorded = dict(
        Attendance.objects.filter(session=session).values_list("reviewer_id", "attended")
    )
    return [
        (place.application.reviewer, recorded.get(place.application.reviewer_id))
        for place in places
    ]
