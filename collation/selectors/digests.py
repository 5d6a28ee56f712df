"""What a follower's digest says: what changed, since their last one, in what they follow.

Only what the public may see: reviews through ``Review.objects.public()``,
practice issues through public (verified, on a public document) codings,
figures from the trend tables (verified codings of published reviews),
published briefings, and what other apps' sections return
(``collation.digest_sections``: the Alliance's published actions).

A review is new to a follower when it became public within the window
(published), or, for a practice issue they follow, when a coding of that
issue on it was verified within the window; a review an earlier digest
listed is never listed again.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from scr_platform.accounts.choices import Region

from .. import digest_sections
from ..models import (
    Briefing,
    Coding,
    DigestDelivery,
    DigestFrequency,
    Follow,
    Follower,
    PracticeIssue,
    Review,
)
from .report_search import reviews_matching
from .trends import IssueTrend, period_containing, trend_grid

FIGURES_SHOWN = 12


# --- Periods ----------------------------------------------------------------------


@dataclass(frozen=True)
class DigestPeriod:
    """A week (from Monday), month or quarter: [start, end)."""

    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        last = self.end - timedelta(days=1)
        return f"{self.start:%-d %B %Y} to {last:%-d %B %Y}"

    @property
    def ends_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))


def _period_containing(frequency: str, day: date) -> DigestPeriod:
    if frequency == DigestFrequency.WEEKLY:
        start = day - timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return DigestPeriod(f"{year}-W{week:02d}", start, start + timedelta(days=7))
    if frequency == DigestFrequency.MONTHLY:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        return DigestPeriod(f"{start:%Y-%m}", start, end)
    quarter = period_containing("quarter", day)
    return DigestPeriod(quarter.key, quarter.start, quarter.end)


def last_complete_period(frequency: str, today: date) -> DigestPeriod:
    """The latest period of ``frequency`` that has ended by ``today``: its digest is due."""
    current = _period_containing(frequency, today)
    return _period_containing(frequency, current.start - timedelta(days=1))


# --- The digest -----------------------------------------------------------------


@dataclass(frozen=True)
class DigestSectionItems:
    title: str
    items: list[digest_sections.DigestItem]


@dataclass
class Digest:
    follower: Follower
    period: DigestPeriod
    since: datetime
    follows: list[Follow]
    reviews: list[Review] = field(default_factory=list)
    figures: list[tuple[str, IssueTrend]] = field(default_factory=list)  # (where, trend)
    figures_year: int | None = None
    briefings: list[Briefing] = field(default_factory=list)
    sections: list[DigestSectionItems] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        # Figures move only with new reviews or codings: alone they are not news.
        return not (self.reviews or self.briefings or any(s.items for s in self.sections))


def digest_since(follower: Follower, period: DigestPeriod) -> datetime | None:
    """Where this digest starts: the end of the follower's previous digest (sent or
    empty), or when they first confirmed a follow. None: nothing confirmed."""
    first = follower.follows.exclude(confirmed_at=None).order_by("confirmed_at").first()
    if first is None:
        return None
    previous = (
        follower.deliveries.filter(period_end__lte=period.start)
        .exclude(status=DigestDelivery.Status.CLAIMED)
        .order_by("-period_end")
        .first()
    )
    if previous is None:
        return first.confirmed_at
    previous_end = timezone.make_aware(datetime.combine(previous.period_end, time.min))
    return max(first.confirmed_at, previous_end)


def _window(since: datetime, until: datetime, lookup: str) -> Q:
    return Q(**{f"{lookup}__gte": since, f"{lookup}__lt": until})


def _new_reviews(follow: Follow, since: datetime, until: datetime):
    since = max(since, follow.confirmed_at)
    # Public by the window's end: a review published later waits for the next digest.
    public = Review.objects.public().filter(published_at__lt=until)
    published = _window(since, until, "published_at")
    if follow.kind == Follow.Kind.ISSUE:
        codings = Coding.objects.public().filter(issue=follow.issue)
        verified = codings.filter(
            _window(since, until, "verified_at") | _window(since, until, "resolved_at")
        )
        return public.filter(
            Q(pk__in=codings.values("document__review")) & published
            | Q(pk__in=verified.values("document__review"))
        )
    if follow.kind == Follow.Kind.REGION:
        return public.filter(published, board__region=follow.region)
    if follow.kind == Follow.Kind.SEARCH:
        return public.filter(
            pk__in=reviews_matching(query=follow.query, reviews=public.filter(published))
        )
    return public.filter(published)


def _already_listed(follower: Follower) -> set[int]:
    listed: set[int] = set()
    for ids in follower.deliveries.filter(status=DigestDelivery.Status.SENT).values_list(
        "review_ids", flat=True
    ):
        listed.update(ids)
    return listed


def _figures(digest: Digest, issue_ids: set[int], grids: dict) -> None:
    """The current year's figures for the followed issues and those the new reviews show."""
    year = period_containing("year", digest.period.end - timedelta(days=1))
    digest.figures_year = year.start.year
    regions = {follow.region for follow in digest.follows if follow.kind == Follow.Kind.REGION}
    wanted = [("", issue_ids)] + [(region, issue_ids) for region in sorted(regions)]
    for region, ids in wanted:
        key = (year.key, region)
        if key not in grids:
            grids[key] = trend_grid(period=year, filters={"region": region} if region else None)
        for _, trends in grids[key].stages:
            for trend in trends:
                if trend.issue.pk in ids and len(digest.figures) < FIGURES_SHOWN:
                    digest.figures.append((Region(region).label if region else "", trend))


def digest_build(
    *, follower: Follower, period: DigestPeriod, grids: dict | None = None
) -> Digest | None:
    """The follower's digest for ``period``; None when they confirmed nothing yet."""
    since = digest_since(follower, period)
    if since is None:
        return None
    until = period.ends_at
    follows = list(
        follower.follows.exclude(confirmed_at=None)
        .filter(confirmed_at__lt=until)
        .select_related("issue")
    )
    digest = Digest(follower=follower, period=period, since=since, follows=follows)
    listed = _already_listed(follower)
    review_ids: set[int] = set()
    for follow in follows:
        review_ids.update(_new_reviews(follow, since, until).values_list("pk", flat=True))
    digest.reviews = list(
        Review.objects.public()
        .filter(pk__in=review_ids - listed)
        .select_related("board")
        .order_by("-published_at", "title")
    )
    followed_issues = [f.issue for f in follows if f.kind == Follow.Kind.ISSUE]
    follows_everything = any(f.kind == Follow.Kind.GRID for f in follows)
    shown_issue_ids = set(
        Coding.objects.public()
        .filter(document__review__in=[review.pk for review in digest.reviews])
        .values_list("issue_id", flat=True)
    )
    _figures(
        digest,
        {i.pk for i in followed_issues} | shown_issue_ids,
        grids if grids is not None else {},
    )
    briefings = Briefing.objects.filter(
        _window(since, until, "published_at"), status=Briefing.Status.PUBLISHED
    )
    if not any(f.kind != Follow.Kind.ISSUE for f in follows):
        briefings = briefings.filter(issues__in=followed_issues)
    digest.briefings = list(briefings.distinct().order_by("-published_at"))
    section_issues = (
        list(PracticeIssue.objects.filter(retired_at=None))
        if follows_everything
        else followed_issues
    )
    if section_issues:
        digest.sections = [
            DigestSectionItems(section.title, section.items(section_issues, since, until))
            for section in digest_sections.sections()
        ]
    return digest
