"""Alliance: reads for pages and the API, each asking ``rules`` who may see what."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from collation.models import PracticeIssue, Stage
from scr_platform.accounts.permissions import is_administrator

from .choices import ActionStatus
from .models import Action, ImpactEvidence, Meeting, Organisation, ProgressUpdate, WorkingGroup
from .rules import can_read_meetings, represented_organisation

STATUS_ORDER = {status.value: position for position, status in enumerate(ActionStatus)}


def action_list(*, user) -> QuerySet[Action]:
    """Actions the user may see: published ones, and their own organisation's unpublished ones."""
    actions = Action.objects.all()
    if is_administrator(user):
        return actions
    visible = Q(published_at__isnull=False)
    organisation = represented_organisation(user)
    if organisation is not None:
        # A subquery for partners, so an action is never repeated by the join.
        partnered = Action.partners.through.objects.filter(organisation=organisation)
        visible |= Q(organisation=organisation) | Q(pk__in=partnered.values("action_id"))
    return actions.filter(visible)


def actions_for_display(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a list of actions shows: organisations, owner and issues, in a fixed few queries."""
    return actions.select_related("organisation", "owner", "working_group").prefetch_related(
        "partners", Prefetch("issues", queryset=PracticeIssue.objects.select_related("stage"))
    )


def action_get(*, user, pk: int) -> Action:
    """One action the user may see, with its updates and evidence; 404 otherwise."""
    queryset = actions_for_display(action_list(user=user)).prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        Prefetch("evidence", queryset=ImpactEvidence.objects.select_related("author")),
    )
    try:
        return queryset.select_related("meeting").get(pk=pk)
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

    actions: list[Action]
    working_groups: list[WorkingGroup]


def issue_alliance_work(*, issue: PracticeIssue) -> IssuePanelData:
    """Published actions (not withdrawn) and open working groups on an issue; fixed queries."""
    published = Action.objects.filter(issues=issue, published_at__isnull=False).exclude(
        status=ActionStatus.WITHDRAWN
    )
    actions = sorted(
        actions_for_display(published).annotate(evidence_count=Count("evidence")),
        # Under way first, then done: the order of ActionStatus.
        key=lambda action: (STATUS_ORDER[action.status], action.due_on or date.max, action.title),
    )
    groups = list(
        WorkingGroup.objects.filter(issues=issue, closed_on__isnull=True)
        .select_related("lead_organisation")
        .prefetch_related("organisations")
    )
    return IssuePanelData(actions=actions, working_groups=groups)


def organisation_list() -> QuerySet[Organisation]:
    """Member organisations first, then those that have left, with counts of public actions."""
    return Organisation.objects.annotate(
        public_actions=Count("actions", filter=Q(actions__published_at__isnull=False))
    ).order_by("left_on", "name")


def organisation_get(*, slug: str) -> Organisation:
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def organisation_actions(*, user, organisation: Organisation) -> QuerySet[Action]:
    """Actions an organisation leads or is a partner in, as far as the user may see them."""
    partnered = Action.partners.through.objects.filter(organisation=organisation)
    return action_list(user=user).filter(
        Q(organisation=organisation) | Q(pk__in=partnered.values("action_id"))
    )


def working_group_list() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.select_related("lead_organisation").prefetch_related(
        "organisations", Prefetch("issues", queryset=PracticeIssue.objects.only("code", "title"))
    )


def working_group_get(*, slug: str) -> WorkingGroup:
    try:
        return working_group_list().get(slug=slug)
    except WorkingGroup.DoesNotExist:
        raise Http404("No such working group") from None


def meeting_list(*, user) -> QuerySet[Meeting]:
    """Every meeting for those who may read them; none for anyone else."""
    if not can_read_meetings(user):
        return Meeting.objects.none()
    return Meeting.objects.select_related("working_group").prefetch_related(
        "organisations", Prefetch("issues", queryset=PracticeIssue.objects.only("code", "title"))
    )


def meeting_get(*, user, pk: int) -> Meeting:
    try:
        return meeting_list(user=user).get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
