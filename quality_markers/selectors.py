"""Quality Markers: reads, permission-aware, and the summaries' arithmetic."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Q, QuerySet
from django.http import Http404

from collation.models import Review
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator
from scr_platform.reference import quality_markers

from .choices import AssessmentStatus, Point, Rating
from .models import Assessment, BoardSharing, Framework, Marker, MarkerRating
from .rules import can_view_assessment


def framework_current() -> Framework | None:
    """The newest published version of the framework."""
    return Framework.objects.exclude(published_at=None).order_by("-version").first()


def markers_by_stage(*, framework: Framework, audience: str = "") -> list[tuple[str, list[Marker]]]:
    """The framework's markers grouped by stage, in order; optionally for one audience."""
    markers: QuerySet[Marker] | list[Marker] = framework.markers.order_by("number")
    if audience:
        markers = [m for m in markers if _is_for(m, audience)]
    return [(stage, list(group)) for stage, group in groupby(markers, key=lambda m: m.stage)]


def _is_for(marker: Marker, audience: str) -> bool:
    # Markers that name no audience are for everyone.
    return not marker.audiences or audience in marker.audiences


def point_stage(point: str) -> str | None:
    """The stage whose markers matter most at a point; looking back, all of them do."""
    stages = quality_markers()["stages"]
    return {Point.SETTING_UP: stages[0], Point.DURING: stages[1]}.get(point)


# --- Assessments -------------------------------------------------------------------------


def assessment_list(*, user) -> QuerySet[Assessment]:
    """Assessments the user may see: their own, their board's, reviews they lead; admins all."""
    assessments = Assessment.objects.select_related("review__board", "author", "framework")
    if is_administrator(user):
        return assessments
    if not getattr(user, "is_authenticated", False):
        return assessments.none()
    visible = Q(author=user)
    if has_role(user, [Role.LSCB_MANAGER]) and user.board_id:
        visible |= Q(review__board_id=user.board_id)
    if has_role(user, [Role.LEAD_REVIEWER]):
        visible |= Q(review__lead_reviewer=user)
    return assessments.filter(visible)


def assessment_get(*, user, pk: int) -> Assessment:
    """One assessment, or 404 for anyone who may not see it (its existence is private too)."""
    try:
        assessment = Assessment.objects.select_related("review__board", "author", "framework").get(
            pk=pk
        )
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None
    if not can_view_assessment(user, assessment):
        raise Http404("No such assessment.")
    return assessment


def reviews_to_assess(*, user) -> QuerySet[Review]:
    """Reviews the user may assess: those they lead, their board's; admins any."""
    reviews = Review.objects.select_related("board").order_by("board__name", "reference")
    if is_administrator(user):
        return reviews
    allowed = Q(pk__in=[])
    if has_role(user, [Role.LSCB_MANAGER]) and user.board_id:
        allowed |= Q(board_id=user.board_id)
    if has_role(user, [Role.LEAD_REVIEWER]):
        allowed |= Q(lead_reviewer=user)
    return reviews.filter(allowed)


@dataclass
class MarkerRow:
    marker: Marker
    rating: MarkerRating | None

    @property
    def status(self) -> str:
        return "Completed" if self.rating else "Not started"


@dataclass
class AssessmentMarkers:
    """An assessment's markers: those for its point and audience first, the rest after."""

    first: list[MarkerRow]
    others: list[MarkerRow]

    @property
    def all(self) -> list[MarkerRow]:
        return sorted(self.first + self.others, key=lambda row: row.marker.number)

    @property
    def unanswered_first(self) -> list[Marker]:
        return [row.marker for row in self.first if row.rating is None]


def assessment_markers(*, assessment: Assessment) -> AssessmentMarkers:
    ratings = {rating.marker_id: rating for rating in assessment.ratings.all()}
    stage = point_stage(assessment.point)
    first, others = [], []
    for marker in assessment.framework.markers.order_by("number"):
        row = MarkerRow(marker=marker, rating=ratings.get(marker.pk))
        primary = (stage is None or marker.stage == stage) and _is_for(marker, assessment.audience)
        (first if primary else others).append(row)
    return AssessmentMarkers(first=first, others=others)


def assessment_marker_get(*, assessment: Assessment, number: int) -> Marker:
    try:
        return assessment.framework.markers.get(number=number)
    except Marker.DoesNotExist:
        raise Http404("No such marker in this version of the framework.") from None


@dataclass
class RatingCounts:
    """How often each rating was given; shares are of the markers rated (not N/A)."""

    counts: Counter = field(default_factory=Counter)

    def add(self, rating: str) -> None:
        self.counts[rating] += 1

    @property
    def rated(self) -> int:
        return sum(self.counts[r] for r in (Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET))

    def count(self, rating: str) -> int:
        return self.counts[rating]

    def share(self, rating: str) -> float | None:
        return self.counts[rating] / self.rated if self.rated else None

    @property
    def met(self) -> int:
        return self.counts[Rating.MET]

    @property
    def partly_met(self) -> int:
        return self.counts[Rating.PARTLY_MET]

    @property
    def not_met(self) -> int:
        return self.counts[Rating.NOT_MET]

    @property
    def not_applicable(self) -> int:
        return self.counts[Rating.NOT_APPLICABLE]

    @property
    def not_met_share(self) -> float | None:
        return self.share(Rating.NOT_MET)

    @property
    def not_met_percent(self) -> int | None:
        share = self.not_met_share
        return None if share is None else round(100 * share)


def assessment_totals(*, assessment: Assessment) -> RatingCounts:
    totals = RatingCounts()
    for rating in assessment.ratings.all():
        totals.add(rating.rating)
    return totals


@dataclass
class ComparedMarker:
    marker_number: int
    title: str
    left: MarkerRating | None
    right: MarkerRating | None

    @property
    def changed(self) -> bool:
        return (self.left and self.left.rating) != (self.right and self.right.rating)


def assessments_compare(*, left: Assessment, right: Assessment) -> list[ComparedMarker]:
    """Two assessments of the same review, marker by marker (matched by number, as
    versions keep their numbering); each side keeps the wording it was answered against."""
    sides = []
    for assessment in (left, right):
        sides.append({r.marker.number: r for r in assessment.ratings.select_related("marker")})
    titles = {m.number: m.title for m in left.framework.markers.all()}
    titles.update({m.number: m.title for m in right.framework.markers.all()})
    return [
        ComparedMarker(number, titles[number], sides[0].get(number), sides[1].get(number))
        for number in sorted(titles)
    ]


# --- Summaries across reviews -------------------------------------------------------------


@dataclass
class MarkerSummary:
    number: int
    title: str
    totals: RatingCounts
    by_year: list[RatingCounts | None]  # aligned with Summary.years


@dataclass
class Summary:
    assessments: int
    reviews: int
    boards: int
    years: list[int]
    markers: list[MarkerSummary]

    @property
    def most_often_not_met(self) -> list[MarkerSummary]:
        """Markers rated not met at least once, most often first (share, then count)."""
        flagged = [m for m in self.markers if m.totals.not_met]
        return sorted(flagged, key=lambda m: (-m.totals.not_met_share, -m.totals.not_met, m.number))


def _summarise(assessments: QuerySet[Assessment]) -> Summary:
    """Ratings in submitted assessments, per marker number and per year of submission.

    Each submitted assessment counts once; markers are matched by number
    across versions and titled as in the newest version that has them.
    """
    submitted = assessments.filter(status=AssessmentStatus.SUBMITTED)
    ratings = MarkerRating.objects.filter(assessment__in=submitted).values_list(
        "marker__number",
        "marker__title",
        "marker__framework__version",
        "rating",
        "assessment__submitted_at__year",
    )
    titles: dict[int, tuple[int, str]] = {}
    totals: dict[int, RatingCounts] = defaultdict(RatingCounts)
    by_year: dict[int, dict[int, RatingCounts]] = defaultdict(lambda: defaultdict(RatingCounts))
    years = set()
    for number, title, version, rating, year in ratings:
        if number not in titles or titles[number][0] < version:
            titles[number] = (version, title)
        totals[number].add(rating)
        by_year[number][year].add(rating)
        years.add(year)
    counted = submitted.values("pk", "review_id", "review__board_id")
    return Summary(
        assessments=len(counted),
        reviews=len({row["review_id"] for row in counted}),
        boards=len({row["review__board_id"] for row in counted}),
        years=sorted(years),
        markers=[
            MarkerSummary(
                number,
                titles[number][1],
                totals[number],
                [by_year[number].get(year) for year in sorted(years)],
            )
            for number in sorted(titles)
        ],
    )


def board_summary(*, board_id: int) -> Summary:
    return _summarise(Assessment.objects.filter(review__board_id=board_id))


def national_summary() -> Summary:
    """Only boards that chose to share; anonymised: no board, review or person is named."""
    sharing = BoardSharing.objects.filter(shares_nationally=True).values("board_id")
    return _summarise(Assessment.objects.filter(review__board_id__in=sharing))


def board_shares(*, board_id: int) -> bool:
    return BoardSharing.objects.filter(board_id=board_id, shares_nationally=True).exists()
