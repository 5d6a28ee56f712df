"""Quality Markers: reads, permission-aware, and the summaries' arithmetic."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Q, QuerySet
from django.http import Http404

from collation.models import Review
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator
from scr_platform.disclosure import Basis
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


def draft_assessments(*, user) -> QuerySet[Assessment]:
    """The user's own assessments not yet submitted (only the author edits a draft)."""
    return (
        Assessment.objects.filter(author=user, status=AssessmentStatus.DRAFT)
        .select_related("review")
        .order_by("-updated_at", "-pk")
    )


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
    totals: RatingCounts | None  # None: hidden from the public (scr_platform.disclosure)
    by_year: list[RatingCounts | None]  # aligned with Summary.years; [] when hidden
    shown: bool = True
    years_shown: bool = True


@dataclass
class Summary:
    assessments: int | None  # these three are None when hidden from the public
    reviews: int | None
    boards: int | None
    years: list[int]
    markers: list[MarkerSummary]
    any_submitted: bool = True
    totals_shown: bool = True

    @property
    def any_hidden(self) -> bool:
        return any(not marker.shown for marker in self.markers)

    @property
    def most_often_not_met(self) -> list[MarkerSummary]:
        """Shown markers rated not met at least once, most often first (share, then count)."""
        flagged = [m for m in self.markers if m.totals and m.totals.not_met]
        return sorted(flagged, key=lambda m: (-m.totals.not_met_share, -m.totals.not_met, m.number))


@dataclass
class _Tally:
    """One marker's ratings, overall and by year, and what each figure rests on."""

    title: tuple[int, str] = (0, "")  # (version, title): the newest version names it
    totals: RatingCounts = field(default_factory=RatingCounts)
    basis: Basis = field(default_factory=Basis)
    by_year: dict[int, RatingCounts] = field(default_factory=lambda: defaultdict(RatingCounts))
    year_bases: dict[int, Basis] = field(default_factory=lambda: defaultdict(Basis))


def _tally(submitted: QuerySet[Assessment]) -> dict[int, _Tally]:
    ratings = MarkerRating.objects.filter(assessment__in=submitted).values_list(
        "marker__number",
        "marker__title",
        "marker__framework__version",
        "rating",
        "assessment__submitted_at__year",
        "assessment_id",
        "assessment__review__board_id",
    )
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for number, title, version, rating, year, assessment_id, board_id in ratings:
        tally = tallies[number]
        if tally.title[0] < version:
            tally.title = (version, title)
        tally.totals.add(rating)
        tally.by_year[year].add(rating)
        tally.basis.add(board=board_id, record=assessment_id)
        tally.year_bases[year].add(board=board_id, record=assessment_id)
    return tallies


def _summarise(assessments: QuerySet[Assessment], *, public: bool = False) -> Summary:
    """Ratings in submitted assessments, per marker number and per year of submission.

    Each submitted assessment counts once; markers are matched by number
    across versions and titled as in the newest version that has them.
    ``public``: every figure follows ``scr_platform.disclosure``, judged on the
    boards and assessments it rests on. A marker's years are shown all or none,
    so a hidden year cannot be worked out as its total minus the years shown;
    every current marker is listed, so an unrated one looks like a hidden one.
    """
    submitted = assessments.filter(status=AssessmentStatus.SUBMITTED)
    tallies = _tally(submitted)
    if public and (framework := framework_current()):
        for marker in framework.markers.all():
            tallies.setdefault(marker.number, _Tally(title=(framework.version, marker.title)))
    shown = {n: not public or t.basis.may_show for n, t in tallies.items()}
    years_shown = {
        n: shown[n] and (not public or all(b.may_show for b in t.year_bases.values()))
        for n, t in tallies.items()
    }
    years = sorted({y for n, t in tallies.items() if years_shown[n] for y in t.by_year})
    counted = submitted.values("pk", "review_id", "review__board_id")
    overall = Basis({row["review__board_id"] for row in counted}, {row["pk"] for row in counted})
    # Nothing submitted is nobody's figure: "none yet" may be said.
    totals_shown = not public or overall.may_show or not overall.records
    return Summary(
        assessments=len(overall.records) if totals_shown else None,
        reviews=len({row["review_id"] for row in counted}) if totals_shown else None,
        boards=len(overall.boards) if totals_shown else None,
        years=years,
        markers=[
            MarkerSummary(
                number,
                tally.title[1],
                tally.totals if shown[number] else None,
                [tally.by_year.get(y) for y in years] if years_shown[number] else [],
                shown=shown[number],
                years_shown=years_shown[number],
            )
            for number, tally in sorted(tallies.items())
        ],
        any_submitted=bool(counted),
        totals_shown=totals_shown,
    )


def board_summary(*, board_id: int) -> Summary:
    """A board's own summary, for its managers: every figure, however few."""
    return _summarise(Assessment.objects.filter(review__board_id=board_id))


def national_summary() -> Summary:
    """Only boards that chose to share; anonymised: no board, review or person is named,
    and a figure resting on too few boards or assessments is hidden (``public``)."""
    sharing = BoardSharing.objects.filter(shares_nationally=True).values("board_id")
    return _summarise(Assessment.objects.filter(review__board_id__in=sharing), public=True)


def board_shares(*, board_id: int) -> bool:
    return BoardSharing.objects.filter(board_id=board_id, shares_nationally=True).exists()
