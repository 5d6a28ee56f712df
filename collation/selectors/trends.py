"""National trends: how many published reviews show each practice issue, over time.

A period is a quarter, half-year, year or all time, keyed like ``2015-Q2``,
``2015-H1``, ``2015`` or ``all``, by publication date. For each issue: the
number of published reviews in the period (and filters) that show it, their
share of all published reviews there, the same for the previous period, the
change in percentage points, and a direction. Unpublished reviews never
count. Every figure comes from a fixed number of queries, whatever the data.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from ..models import Coding, PracticeIssue, Review, ReviewIssue, Stage

# A share must move by at least this many percentage points between periods,
# each with at least MIN_REVIEWS reviews, to count as rising or falling.
CHANGE_POINTS = 5.0
MIN_REVIEWS = 5
SPARKLINE_PERIODS = 8

_KINDS = {"quarter": 3, "half": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    """A span of publication dates: [start, end), or all time."""

    kind: str  # quarter, half, year, all
    start: date | None = None
    end: date | None = None

    @property
    def key(self) -> str:
        if self.kind == "all":
            return "all"
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "half":
            return f"{self.start.year}-H{1 + (self.start.month - 1) // 6}"
        return f"{self.start.year}-Q{1 + (self.start.month - 1) // 3}"

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "All time"
        if self.kind == "year":
            return self.key
        year, part = self.key.split("-")
        return f"{'Quarter' if part[0] == 'Q' else 'Half-year'} {part[1]} {year}"

    def shifted(self, steps: int) -> "Period":
        """The period ``steps`` periods later (negative: earlier) of the same kind."""
        if self.kind == "all":
            return self
        months = _KINDS[self.kind]
        start = _add_months(self.start, steps * months)
        return Period(self.kind, start, _add_months(start, months))

    def previous(self) -> "Period | None":
        return None if self.kind == "all" else self.shifted(-1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>[QH])(?P<number>\d))?$")


def period_parse(key: str) -> Period:
    """The period a key names; ``ValueError`` with a message a person can act on."""
    key = (key or "all").strip().upper()
    if key == "ALL":
        return Period("all")
    match = _KEY.match(key)
    if not match:
        raise ValueError(f"“{key}” is not a period. Use all, a year (2015), 2015-H1 or 2015-Q2.")
    year, part, number = int(match["year"]), match["part"], match["number"]
    if part is None:
        return Period("year", date(year, 1, 1), date(year + 1, 1, 1))
    number = int(number)
    if part == "H" and number in (1, 2):
        start = date(year, 1 + 6 * (number - 1), 1)
        return Period("half", start, _add_months(start, 6))
    if part == "Q" and 1 <= number <= 4:
        start = date(year, 1 + 3 * (number - 1), 1)
        return Period("quarter", start, _add_months(start, 3))
    raise ValueError(f"“{key}” is not a period: halves are H1–H2 and quarters Q1–Q4.")


def period_containing(kind: str, day: date) -> Period:
    """The period of ``kind`` that ``day`` falls in."""
    if kind == "all":
        return Period("all")
    months = _KINDS[kind]
    start = date(day.year, 1 + ((day.month - 1) // months) * months, 1)
    return Period(kind, start, _add_months(start, months))


@dataclass(frozen=True)
class IssueTrend:
    issue: PracticeIssue
    count: int
    share: float  # of the period's published reviews, 0–100
    previous_count: int | None
    previous_share: float | None
    change: float | None  # percentage points
    direction: str  # rising, falling, steady, unknown
    sparkline: list[float] = field(default_factory=list)  # shares, oldest first


@dataclass(frozen=True)
class TrendGrid:
    period: Period
    review_count: int
    previous_review_count: int | None
    stages: list[tuple[Stage, list[IssueTrend]]]
    sparkline_periods: list[Period]
    synthetic_review_count: int = 0  # of review_count: invented for the demo (is_synthetic)


def published_periods() -> list[Period]:
    """The years and half-years that have a published review, newest first, each year
    before its halves (the grid's period list). One query."""
    halves = (
        Review.objects.public()
        .exclude(publication_date=None)
        .annotate(year=ExtractYear("publication_date"), month=ExtractMonth("publication_date"))
        .annotate(second_half=Q(month__gt=6))
        .values_list("year", "second_half")
        .distinct()
        .order_by()
    )
    periods: list[Period] = []
    for year, second_half in sorted(set(halves), key=lambda row: (-row[0], row[1])):
        if not periods or periods[-1].start.year != year:
            periods.append(period_parse(str(year)))
        periods.append(period_parse(f"{year}-H{2 if second_half else 1}"))
    return periods


def published_reviews(filters: dict | None = None) -> QuerySet[Review]:
    """Published reviews narrowed by the trend filters (region, incident, age, agency, model)."""
    reviews = Review.objects.public()
    filters = filters or {}
    lookups = {
        "region": "board__region",
        "incident": "incident",
        "child_age_band": "child_age_band",
        "review_model": "review_model",
    }
    for name, lookup in lookups.items():
        if filters.get(name):
            reviews = reviews.filter(**{lookup: filters[name]})
    if filters.get("agency"):
        reviews = reviews.filter(agencies=filters["agency"])
    return reviews


def trend_periods(kind: str) -> list[Period]:
    """Every period of ``kind``, oldest first, from the first published review's to the
    last's (just "all" for all time; none while nothing dated is published)."""
    if kind == "all":
        return [Period("all")]
    span = published_reviews().aggregate(
        first=Min("publication_date"), last=Max("publication_date")
    )
    if span["first"] is None:
        return []
    periods = [period_containing(kind, span["first"])]
    while periods[-1].end <= span["last"]:
        periods.append(periods[-1].shifted(1))
    return periods


def _direction(share, previous_share, count_now, count_before) -> tuple[float | None, str]:
    if previous_share is None:
        return None, "unknown"
    change = round(share - previous_share, 1)
    if count_now < MIN_REVIEWS or count_before < MIN_REVIEWS:
        return change, "unknown"
    if change >= CHANGE_POINTS:
        return change, "rising"
    if change <= -CHANGE_POINTS:
        return change, "falling"
    return change, "steady"


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def trend_grid(*, period: Period, filters: dict | None = None) -> TrendGrid:
    """Every current practice issue, by stage, with its figures for the period."""
    reviews = published_reviews(filters)
    previous = period.previous()
    sparkline_periods = (
        [period.shifted(step) for step in range(-SPARKLINE_PERIODS + 1, 1)]
        if period.kind != "all"
        else []
    )
    # Reviews per period, and issue counts per period, each in one query.
    windows = {p.key: p for p in [period, *([previous] if previous else []), *sparkline_periods]}
    presence = ReviewIssue.objects.all()
    if period.kind != "all":
        # Only the reviews dated within the windows can count: reading just
        # those (by the status and date index) keeps a quarter's grid from
        # scanning every review's issues.
        start = min(p.start for p in windows.values())
        end = max(p.end for p in windows.values())
        reviews = reviews.filter(publication_date__gte=start, publication_date__lt=end)
        presence = presence.filter(
            review__publication_date__gte=start, review__publication_date__lt=end
        )
    totals = reviews.aggregate(
        **{
            f"p{index}": Count("pk", filter=_period_q(p))
            for index, p in enumerate(windows.values())
        },
        synthetic=Count("pk", filter=_period_q(period) & Q(is_synthetic=True)),
    )
    presence = presence.filter(review__in=reviews.values("pk"))
    per_issue = presence.values("issue_id").annotate(
        **{
            f"p{index}": Count("pk", filter=_period_q(p, prefix="review__"))
            for index, p in enumerate(windows.values())
        }
    )
    counts = {row.pop("issue_id"): row for row in per_issue}
    index_of = {key: f"p{index}" for index, key in enumerate(windows)}

    review_count = totals[index_of[period.key]]
    previous_count = totals[index_of[previous.key]] if previous else None
    issues = PracticeIssue.objects.filter(retired_at__isnull=True).select_related("stage")
    by_stage: dict[int, list[IssueTrend]] = {}
    for issue in issues:
        row = counts.get(issue.pk, {})
        count = row.get(index_of[period.key], 0)
        share = _share(count, review_count)
        before = row.get(index_of[previous.key], 0) if previous else None
        before_share = _share(before, previous_count) if previous else None
        change, direction = _direction(share, before_share, review_count, previous_count or 0)
        sparkline = [
            _share(row.get(index_of[p.key], 0), totals[index_of[p.key]]) for p in sparkline_periods
        ]
        by_stage.setdefault(issue.stage_id, []).append(
            IssueTrend(issue, count, share, before, before_share, change, direction, sparkline)
        )
    stages = [(stage, by_stage.get(stage.pk, [])) for stage in Stage.objects.all()]
    return TrendGrid(
        period, review_count, previous_count, stages, sparkline_periods, totals["synthetic"]
    )


def _period_q(period: Period, *, prefix: str = "") -> Q:
    if period.kind == "all":
        return Q(**{f"{prefix}pk__isnull": False})
    return Q(
        **{
            f"{prefix}publication_date__gte": period.start,
            f"{prefix}publication_date__lt": period.end,
        }
    )


# --- One practice issue ---------------------------------------------------------

EXCERPTS_SHOWN = 20


@dataclass(frozen=True)
class IssueDetail:
    issue: PracticeIssue
    causes: list  # Cause objects annotated with ``coded`` (codings citing them)
    by_year: list[tuple[int, int, int, float]]  # year, reviews showing it, reviews, share
    excerpts: list  # Coding objects on published reports, newest first
    reviews: list[Review]


def issue_detail(*, issue: PracticeIssue) -> IssueDetail:
    """An issue's causes, counts by year, excerpts and reviews, from published reports only."""
    published = Review.objects.public()
    public_codings = Coding.objects.public().filter(issue=issue)
    causes = list(
        issue.causes.filter(retired_at__isnull=True).annotate(
            coded=Count("codings", filter=Q(codings__in=public_codings.values("pk")))
        )
    )
    totals = dict(
        published.exclude(publication_date=None)
        .annotate(year=ExtractYear("publication_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    showing = dict(
        ReviewIssue.objects.filter(issue=issue, review__in=published.values("pk"))
        .exclude(review__publication_date=None)
        .annotate(year=ExtractYear("review__publication_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    by_year = [
        (year, showing.get(year, 0), totals[year], _share(showing.get(year, 0), totals[year]))
        for year in sorted(totals)
    ]
    excerpts = list(
        public_codings.select_related("document__review__board")
        .prefetch_related("causes")
        .order_by("-document__review__publication_date", "document", "page")[:EXCERPTS_SHOWN]
    )
    reviews = list(
        published.filter(issue_presence__issue=issue)
        .select_related("board")
        .order_by("-publication_date", "title")
    )
    return IssueDetail(issue, causes, by_year, excerpts, reviews)


def briefing_figures(*, briefing) -> tuple[Period, list[IssueTrend], list]:
    """A briefing's period, its issues' figures, and its excerpts still public."""
    period = period_parse(briefing.period)
    chosen = {issue.pk for issue in briefing.issues.all()}
    grid = trend_grid(period=period)
    figures = [trend for _, trends in grid.stages for trend in trends if trend.issue.pk in chosen]
    excerpts = list(briefing.excerpts.public().select_related("issue", "document__review__board"))
    return period, figures, excerpts
