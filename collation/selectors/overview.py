"""A national overview of a period: numbers, patterns, rising and falling issues, key learning.

Built from the same figures as the trend grid (``trend_grid``: published reviews,
verified codings only), the period's published briefings and review summaries,
and the recommendations of the period's published reviews against the national
benchmark (DFE-RR157, ``data/reference.json``). Trend figures come from published
reviews, not private data, so the small-numbers rule (``scr_platform/disclosure.py``)
does not apply, as on the grid and issue pages.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from scr_platform.reference import reference

from ..models import Briefing, Recommendation, Review
from .trends import IssueTrend, Period, _add_months, period_parse, trend_grid

TOP_ISSUES = 10
SUMMARIES_SHOWN = 6
# No serious case review is older; a later year than next has nothing to report (and each
# period's PDF costs a Chromium run, so made-up periods are refused, not printed).
FIRST_YEAR = 1990


def overview_period(key: str) -> Period:
    """The year, half-year or quarter ``key`` names; ValueError (with why) for anything else."""
    period = period_parse(key)
    if period.kind == "all":
        raise ValueError("An overview covers a year (2025), a half-year (2025-H1) or a quarter.")
    if not FIRST_YEAR <= period.start.year <= timezone.now().year + 1:
        raise ValueError(f"There is no overview for {period.start.year}.")
    return period


@dataclass(frozen=True)
class RecommendationFigures:
    total: int
    reviews: int  # published reviews in the period with a public document
    mean: float | None
    lowest: int | None
    highest: int | None
    benchmark: dict  # DFE-RR157: reviews, mean_per_review, min, max
    above_benchmark_range: int  # reviews with more recommendations than the benchmark's most
    by_agency: list  # (agency or "Not stated", count), largest first


@dataclass(frozen=True)
class Overview:
    period: Period
    previous: Period
    review_count: int
    previous_review_count: int
    synthetic_count: int
    by_part: list  # (label, reviews published): the period's quarters (a quarter's months)
    top_issues: list[IssueTrend]  # most often found, at least one review
    rising: list[IssueTrend]
    falling: list[IssueTrend]
    briefings: list[Briefing]  # published, for this period or a part of it
    summaries: list[Review]  # published in the period, with a summary
    recommendations: RecommendationFigures


def _by_part(period: Period) -> list[tuple[str, int]]:
    """Reviews published in each quarter of a year or half-year, or each month of a quarter."""
    months = dict(
        Review.objects.public()
        .filter(publication_date__gte=period.start, publication_date__lt=period.end)
        .annotate(month=ExtractMonth("publication_date"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    step = 1 if period.kind == "quarter" else 3
    rows, start = [], period.start
    while start < period.end:
        if step == 1:
            label = start.strftime("%B %Y")
        else:
            label = f"Q{1 + (start.month - 1) // 3} {start.year}"
        count = sum(months.get(month, 0) for month in range(start.month, start.month + step))
        rows.append((label, count))
        start = _add_months(start, step)
    return rows


def _within(briefing_period: str, period: Period) -> bool:
    try:
        parsed = period_parse(briefing_period)
    except ValueError:
        return False
    return parsed.kind != "all" and period.start <= parsed.start and parsed.end <= period.end


def _recommendations(period: Period) -> RecommendationFigures:
    reviews = Review.objects.public().filter(
        publication_date__gte=period.start, publication_date__lt=period.end
    )
    public = Recommendation.objects.public().filter(document__review__in=reviews.values("pk"))
    per_review = list(
        public.values("document__review_id").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    benchmark = reference()["recommendation_counts_rr157"]
    by_agency = [
        (row["agency__name"] or "Not stated", row["n"])
        for row in public.values("agency__name").annotate(n=Count("pk")).order_by("-n")[:5]
    ]
    total = sum(per_review)
    return RecommendationFigures(
        total=total,
        reviews=len(per_review),
        mean=round(total / len(per_review), 1) if per_review else None,
        lowest=min(per_review, default=None),
        highest=max(per_review, default=None),
        benchmark=benchmark,
        above_benchmark_range=sum(1 for n in per_review if n > benchmark["max"]),
        by_agency=by_agency,
    )


def national_overview(period: Period) -> Overview:
    """Everything the overview of ``period`` says, from published material only."""
    grid = trend_grid(period=period)
    trends = [trend for _, row in grid.stages for trend in row]
    top = sorted((t for t in trends if t.count), key=lambda t: (-t.count, t.issue.code))
    rising = sorted((t for t in trends if t.direction == "rising"), key=lambda t: -t.change)
    falling = sorted((t for t in trends if t.direction == "falling"), key=lambda t: t.change)
    briefings = [
        briefing
        for briefing in Briefing.objects.filter(status=Briefing.Status.PUBLISHED)
        if _within(briefing.period, period)
    ]
    summaries = list(
        Review.objects.public()
        .filter(publication_date__gte=period.start, publication_date__lt=period.end)
        .exclude(summary="")
        .select_related("board")
        .order_by("-publication_date", "title")[:SUMMARIES_SHOWN]
    )
    return Overview(
        period=period,
        previous=period.previous(),
        review_count=grid.review_count,
        previous_review_count=grid.previous_review_count or 0,
        synthetic_count=grid.synthetic_review_count,
        by_part=_by_part(period),
        top_issues=top[:TOP_ISSUES],
        rising=rising,
        falling=falling,
        briefings=briefings,
        summaries=summaries,
        recommendations=_recommendations(period),
    )
