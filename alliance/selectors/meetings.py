"""Member organisations, working groups, meetings and their decisions."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from collation.models import PracticeIssue

from ..models import Action, Decision, Meeting, Organisation, WorkingGroup
from ..rules import can_read_meetings
from .actions import action_list


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
        "organisations",
        Prefetch("issues", queryset=PracticeIssue.objects.only("code", "title")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("action").prefetch_related("action__partners"),
        ),
    )


def meeting_get(*, user, pk: int) -> Meeting:
    try:
        return meeting_list(user=user).get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None


def decision_get(*, user, pk: int, meeting: Meeting | None = None) -> Decision:
    """A decision (of ``meeting``, if given) for those who read meetings; 404 otherwise."""
    if not can_read_meetings(user):
        raise Http404("No such decision")
    decisions = Decision.objects.select_related("action").prefetch_related(
        Prefetch("meeting__issues", queryset=PracticeIssue.objects.select_related("stage"))
    )
    if meeting is not None:
        decisions = decisions.filter(meeting=meeting)
    try:
        return decisions.get(pk=pk)
    except (Decision.DoesNotExist, ValueError):
        raise Http404("No such decision") from None
