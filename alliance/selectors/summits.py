"""Digital summits: reads for pages, the API and the issue page's panel.

What leaves here for the public is built from approved contributions only, as
``ShownContribution`` (phase, text, a sector label, date): never the author,
their e-mail or organisation. A sector is named only where at least
``MIN_SECTOR_CONTRIBUTORS`` different practitioners of it have an approved
contribution in the round; otherwise the label is "Practitioner", so that a
lone health visitor in a round of social workers is not pointed at.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from collation.models import PracticeIssue
from scr_platform.disclosure import MIN_BOARDS

from ..choices import ContributionStatus, PractitionerSector
from ..models import Contribution, Practitioner, SummitRound
from ..rules import can_run_summits, can_view_contribution

# The same floor as the small-numbers rule's boards: three people to hide among.
MIN_SECTOR_CONTRIBUTORS = MIN_BOARDS
HIDDEN_SECTOR = "Practitioner"
APPROVED = Q(status=ContributionStatus.APPROVED)


@dataclass(frozen=True)
class ShownContribution:
    """A contribution as the public sees it."""

    pk: int
    phase: str
    phase_label: str
    text: str
    sector: str
    created_at: object


def _sector_label(sector: str, people: int) -> str:
    """A sector's public label in a round where ``people`` of it have approved contributions."""
    return PractitionerSector(sector).label if people >= MIN_SECTOR_CONTRIBUTORS else HIDDEN_SECTOR


def _sector_labels(approved: list[Contribution]) -> dict[str, str]:
    """Each sector's public label in one round, from its approved contributions."""
    authors = defaultdict(set)
    for contribution in approved:
        authors[contribution.sector].add(contribution.author_id)
    return {sector: _sector_label(sector, len(people)) for sector, people in authors.items()}


def shown_contributions(approved: list[Contribution]) -> list[ShownContribution]:
    """Approved contributions of one round, as the public sees them."""
    approved = [item for item in approved if item.status == ContributionStatus.APPROVED]
    labels = _sector_labels(approved)
    return [
        ShownContribution(
            pk=item.pk,
            phase=item.phase,
            phase_label=item.get_phase_display(),
            text=item.text,
            sector=labels[item.sector],
            created_at=item.created_at,
        )
        for item in approved
    ]


def summit_round_list() -> QuerySet[SummitRound]:
    """Every round, newest first, with its issue and counts of approved contributions."""
    approved = Q(contributions__status=ContributionStatus.APPROVED)
    return (
        SummitRound.objects.select_related("issue")
        .annotate(
            causes=Count("contributions", filter=approved & Q(contributions__phase="causes")),
            solutions=Count("contributions", filter=approved & Q(contributions__phase="solutions")),
        )
        .order_by("-opened_at", "-pk")
    )  # an aggregate drops the model's own ordering


def summit_round_get(*, pk: int) -> SummitRound:
    try:
        return summit_round_list().get(pk=pk)
    except SummitRound.DoesNotExist:
        raise Http404("No such summit round") from None


def round_contributions(*, summit: SummitRound) -> list[ShownContribution]:
    return shown_contributions(list(summit.contributions.filter(APPROVED).order_by("created_at")))


@dataclass(frozen=True)
class SummaryCounts:
    """What a round's summary is drafted from: approved contributions by phase and sector."""

    by_phase: dict[str, int]
    by_sector: list[tuple[str, int]]


def round_summary_counts(*, summit: SummitRound) -> SummaryCounts:
    shown = round_contributions(summit=summit)
    by_phase = Counter(item.phase_label for item in shown)
    by_sector = Counter(item.sector for item in shown)
    return SummaryCounts(
        by_phase={label: by_phase.get(label, 0) for label in ("Cause", "Solution")},
        by_sector=sorted(by_sector.items(), key=lambda pair: (-pair[1], pair[0])),
    )


def round_summary_draft(*, summit: SummitRound) -> str:
    """A first draft of the summary from the counts; the analyst writes the rest."""
    counts = round_summary_counts(summit=summit)
    sectors = ", ".join(f"{label} {count}" for label, count in counts.by_sector) or "none yet"
    return (
        f"Practitioners contributed {counts.by_phase['Cause']} causes and "
        f"{counts.by_phase['Solution']} solutions (approved) on {summit.issue.code}. "
        f"By sector: {sectors}.\n\nWhat they said: "
    )


@dataclass(frozen=True)
class IssueSummits:
    """For the issue page: its rounds, each with its approved contributions."""

    rounds: list[tuple[SummitRound, list[ShownContribution]]]


def issue_summits(*, issue: PracticeIssue) -> IssueSummits:
    """Two queries, however many rounds and contributions."""
    rounds = SummitRound.objects.filter(issue=issue).prefetch_related(
        Prefetch(
            "contributions",
            queryset=Contribution.objects.filter(APPROVED).order_by("phase", "created_at", "pk"),
            to_attr="approved",
        )
    )
    return IssueSummits(rounds=[(item, shown_contributions(item.approved)) for item in rounds])


@dataclass(frozen=True)
class ModerationQueue:
    items: list[Contribution]
    counts: dict[str, int]


QUEUE_LIMIT = 50


def moderation_queue(*, status: str = "") -> ModerationQueue:
    """Contributions to check (waiting first, then reported), oldest first, and counts."""
    counts = dict(Contribution.objects.values_list("status").annotate(n=Count("pk")).order_by())
    wanted = status if status in ContributionStatus.values else None
    queue = Contribution.objects.select_related("round__issue").order_by("created_at", "pk")
    if wanted:
        queue = queue.filter(status=wanted)
    else:
        queue = queue.filter(status__in=[ContributionStatus.WAITING, ContributionStatus.REPORTED])
    return ModerationQueue(
        items=list(queue[:QUEUE_LIMIT]),
        counts={value: counts.get(value, 0) for value in ContributionStatus.values},
    )


def my_contributions(*, user) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(author=user)
        .select_related("round__issue")
        .order_by("-created_at", "-pk")
    )


def contribution_get(*, user, pk: int) -> Contribution:
    """A contribution the user may see: others' unapproved ones are not found."""
    contribution = Contribution.objects.select_related("round__issue").filter(pk=pk).first()
    if contribution is None or not can_view_contribution(user, contribution):
        raise Http404("No such contribution")
    return contribution


def awaits_verification(*, user) -> bool:
    """Registered as a practitioner, but the e-mail address is not confirmed yet."""
    return Practitioner.objects.filter(user=user, verified_at__isnull=True).exists()


def contributions_visible(user) -> QuerySet[Contribution]:
    """For the API: approved for everyone; one's own; everything for those who moderate."""
    queryset = Contribution.objects.select_related("round__issue").order_by("created_at", "pk")
    if can_run_summits(user):
        return queryset
    if user.is_authenticated:
        return queryset.filter(APPROVED | Q(author=user))
    return queryset.filter(APPROVED)


def public_sector_labels() -> dict[tuple[int, str], str]:
    """Each (round, sector)'s public label over approved contributions, in one query."""
    rows = (
        Contribution.objects.filter(APPROVED)
        .values_list("round_id", "sector")
        .annotate(people=Count("author", distinct=True))
        .order_by()
    )
    return {(round_id, sector): _sector_label(sector, people) for round_id, sector, people in rows}
