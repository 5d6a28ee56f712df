"""Actions: who sees which, grouped by issue, the issue page's panel, overdue, updates."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator

from collation.digest_sections import DigestItem
from collation.models import PracticeIssue, Stage
from scr_platform.accounts.permissions import is_administrator
from scr_platform.facets import Facet, FacetCounts, facet_counts

from ..choices import OPEN_STATUSES, ActionStatus
from ..models import Action, ImpactEvidence, Organisation, ProgressUpdate, WorkingGroup
from ..rules import can_see_overdue, represented_organisation

STATUS_ORDER = {status.value: position for position, status in enumerate(ActionStatus)}


def action_list(*, user) -> QuerySet[Action]:
    """Actions the user may see: published ones, and their own organisation's unpublished ones."""
    actions = Action.objects.all()
    if is_administrator(user):
        return actions
    visible = Q(published_at__isnull=False)
    organisation = represented_organisation(user)
    if organisation is not None:
        visible |= _acted_for_q(organisation)
    return actions.filter(visible)


def _acted_for_q(organisation: Organisation) -> Q:
    """Actions the organisation leads or is a partner in."""
    # A subquery for partners, so an action is never repeated by the join.
    partnered = Action.partners.through.objects.filter(organisation=organisation)
    return Q(organisation=organisation) | Q(pk__in=partnered.values("action_id"))


# The action filters with a fixed list of values, and the lookup their values are.
# Not the organisation: it matches the lead or a partner, which no one lookup counts.
ACTION_FACETS = (
    Facet("issue", "issues__code"),
    Facet("stage", "issues__stage__code"),
    Facet("working_group", "working_group__slug"),
    Facet("status", "status"),
)


def action_facet_counts(filterset_class, data, *, request) -> FacetCounts:
    """Per filter value, how many actions the user may see match it and every other filter."""
    actions = action_list(user=request.user)
    return facet_counts(filterset_class, data, actions, ACTION_FACETS, request=request)


def actions_for_display(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a list of actions shows: organisations, owner, issues and the latest update
    (``latest_update_on``, ``latest_update_text``), in a fixed few queries."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-written_on", "-created_at", "-pk"
    )
    return (
        actions.select_related("organisation", "owner", "working_group")
        .prefetch_related(
            "partners", Prefetch("issues", queryset=PracticeIssue.objects.select_related("stage"))
        )
        .annotate(
            latest_update_on=Subquery(latest.values("written_on")[:1]),
            latest_update_text=Subquery(latest.values("text")[:1]),
        )
    )


def action_get(*, user, pk: int) -> Action:
    """One action the user may see, with its updates and evidence; 404 otherwise."""
    queryset = actions_for_display(action_list(user=user)).prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        Prefetch("evidence", queryset=ImpactEvidence.objects.select_related("author")),
    )
    try:
        return queryset.select_related("meeting", "decision").get(pk=pk)
    except Action.DoesNotExist:
        raise Http404("No such action") from None


@dataclass
class IssueActions:
    """One practice issue and the actions on it."""

    issue: PracticeIssue
    actions: list[Action] = field(default_factory=list)


def actions_by_issue(*, actions: QuerySet[Action]) -> list[tuple[Stage, list[IssueActions]]]:
    """The actions grouped by stage and practice issue, in grid order; an action on
    several issues appears under each."""
    by_issue: dict[int, IssueActions] = {}
    for action in actions_for_display(actions).order_by("due_on", "title"):
        for issue in action.issues.all():
            by_issue.setdefault(issue.pk, IssueActions(issue)).actions.append(action)
    ordered = sorted(
        by_issue.values(),
        key=lambda group: (group.issue.stage.position, group.issue.position, group.issue.code),
    )
    stages: list[tuple[Stage, list[IssueActions]]] = []
    for group in ordered:
        if not stages or stages[-1][0].pk != group.issue.stage_id:
            stages.append((group.issue.stage, []))
        stages[-1][1].append(group)
    return stages


@dataclass(frozen=True)
class AllianceSummary:
    members: int
    actions: int
    by_status: list[tuple[str, int]]  # (status label, count) in status order
    issues_covered: int
    issues_in_grid: int


def alliance_summary(*, actions: QuerySet[Action]) -> AllianceSummary:
    """Headline figures for a set of actions: how many, by status, and issues covered."""
    counts = dict(actions.order_by().values_list("status").annotate(n=Count("pk")))
    covered = (
        PracticeIssue.objects.filter(alliance_actions__in=actions.values("pk")).distinct().count()
    )
    return AllianceSummary(
        members=Organisation.objects.filter(left_on__isnull=True).count(),
        actions=sum(counts.values()),
        by_status=[(status.label, counts.get(status, 0)) for status in ActionStatus],
        issues_covered=covered,
        issues_in_grid=PracticeIssue.objects.filter(retired_at__isnull=True).count(),
    )


@dataclass(frozen=True)
class IssuePanelData:
    """What the Alliance is doing about one practice issue (its panel on the issue page)."""

    actions: list[Action]  # the first ISSUE_PAGE_ACTIONS: under way first
    working_groups: list[WorkingGroup]
    dropped: int = 0  # published actions on the issue that were dropped (listed elsewhere)
    total: int = 0  # published actions not dropped, shown or not

    @property
    def more(self) -> int:
        return self.total - len(self.actions)


# The panel shows the issue page (and a printed training pack, which must stay within
# four A4 pages) this many actions; the Alliance's action list has the rest.
ISSUE_PAGE_ACTIONS = 5


def issue_alliance_work(*, issue: PracticeIssue) -> IssuePanelData:
    """Published actions (not dropped) and open working groups on an issue; fixed queries."""
    published = Action.objects.filter(issues=issue, published_at__isnull=False)
    actions = sorted(
        actions_for_display(published.exclude(status=ActionStatus.DROPPED)).annotate(
            evidence_count=Count("evidence")
        ),
        # Under way first, then done: the order of ActionStatus.
        key=lambda action: (STATUS_ORDER[action.status], action.due_on or date.max, action.title),
    )
    groups = list(
        WorkingGroup.objects.filter(issues=issue, closed_on__isnull=True)
        .select_related("lead_organisation")
        .prefetch_related("organisations")
    )
    dropped = published.filter(status=ActionStatus.DROPPED).count()
    return IssuePanelData(
        actions=actions[:ISSUE_PAGE_ACTIONS],
        working_groups=groups,
        dropped=dropped,
        total=len(actions),
    )


@dataclass(frozen=True)
class OverdueAction:
    action: Action
    days_overdue: int


def overdue_actions(*, user, today: date | None = None) -> list[OverdueAction]:
    """Actions still open after their due date, for those who may see them (oldest first).

    Due today is not overdue; done and dropped actions never are.
    """
    if not can_see_overdue(user):
        return []
    return _overdue(action_list(user=user), today or timezone.localdate())


def organisation_overdue_actions(*, user, today: date | None = None) -> list[OverdueAction]:
    """Overdue actions of the organisation the user represents: those it leads or is a
    partner in, published or not. Nobody else's."""
    organisation = represented_organisation(user)
    if organisation is None:
        return []
    actions = Action.objects.filter(_acted_for_q(organisation))
    return _overdue(actions, today or timezone.localdate())


def _overdue(actions: QuerySet[Action], today: date) -> list[OverdueAction]:
    late = actions.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    return [
        OverdueAction(action, (today - action.due_on).days)
        for action in actions_for_display(late).order_by("due_on", "title", "pk")
    ]


def public_updates(*, issue: PracticeIssue | None = None) -> QuerySet[ProgressUpdate]:
    """Progress updates the public may read (on published actions), newest first."""
    updates = ProgressUpdate.objects.filter(action__published_at__isnull=False)
    if issue is not None:
        updates = updates.filter(action__issues=issue)
    return (
        updates.select_related("action__organisation")
        .prefetch_related(
            "action__partners",
            Prefetch("action__issues", queryset=PracticeIssue.objects.only("code", "title")),
        )
        .order_by("-written_on", "-created_at", "-pk")
    )


def digest_progress(*, issues: list, since: datetime, until: datetime) -> list[DigestItem]:
    """For a follower's digest: actions on ``issues`` published, and progress written on
    published ones, within [since, until). Organisations, never people's names."""
    published = Action.objects.filter(published_at__isnull=False, issues__in=issues)
    new_actions = (
        published.filter(published_at__gte=since, published_at__lt=until)
        .select_related("organisation")
        .distinct()
        .order_by("published_at", "pk")
    )
    items = [
        DigestItem(
            f"New action by {action.organisation}: {action.title}", action.get_absolute_url()
        )
        for action in new_actions
    ]
    updates = (
        ProgressUpdate.objects.filter(
            action__in=published.values("pk"), created_at__gte=since, created_at__lt=until
        )
        .select_related("action__organisation")
        .order_by("created_at", "pk")
    )
    items += [
        DigestItem(
            f"Progress on “{update.action.title}” ({update.action.organisation}): "
            + Truncator(update.text).chars(300),
            update.action.get_absolute_url(),
        )
        for update in updates
    ]
    return items
