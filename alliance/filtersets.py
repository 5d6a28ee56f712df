"""Alliance: filters shared by the pages and the API, each with a ``q`` search."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from collation.filtersets import GovukFilterForm
from collation.models import PracticeIssue, Stage

from .choices import OPEN_STATUSES, ActionStatus, Sector
from .models import Action, GoodPractice, Meeting, Organisation, ProgressUpdate, WorkingGroup
from .rules import can_see_overdue


def _issue_label(issue: PracticeIssue) -> str:
    return f"{issue.code}: {issue.title[:80]}"


def _issue_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=PracticeIssue.objects.select_related("stage"),
        to_field_name="code",
        label="Practice issue",
        empty_label="Any",
        **kwargs,
    )


class ActionFilterSet(django_filters.FilterSet):
    """Actions by practice issue, stage, organisation, working group and status."""

    q = django_filters.CharFilter(method="search", label="Words in the title or description")
    issue = django_filters.ModelChoiceFilter(
        field_name="issues",
        queryset=PracticeIssue.objects.select_related("stage"),
        to_field_name="code",
        label="Practice issue",
        empty_label="Any",
    )
    stage = django_filters.ModelChoiceFilter(
        field_name="issues__stage",
        queryset=Stage.objects.all(),
        to_field_name="code",
        label="Stage",
        empty_label="Any",
    )
    organisation = django_filters.ModelChoiceFilter(
        method="taken_by",
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        label="Organisation (lead or partner)",
        empty_label="Any",
    )
    working_group = django_filters.ModelChoiceFilter(
        queryset=WorkingGroup.objects.all(),
        to_field_name="slug",
        label="Working group",
        empty_label="Any",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ActionStatus.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    overdue = django_filters.BooleanFilter(
        method="only_overdue", widget=forms.CheckboxInput, label="Only overdue actions"
    )

    class Meta:
        model = Action
        form = GovukFilterForm
        fields = ["q", "issue", "stage", "organisation", "working_group", "status", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["issue"].field.label_from_instance = _issue_label
        # Overdue is for Alliance members and administrators, not the public.
        user = getattr(self.request, "user", None)
        if user is None or not can_see_overdue(user):
            del self.filters["overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def taken_by(self, queryset, name, value):
        partnered = Action.partners.through.objects.filter(organisation=value)
        return queryset.filter(Q(organisation=value) | Q(pk__in=partnered.values("action_id")))

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())

    def filter_queryset(self, queryset):
        # Issue and stage filters join through the issues table; one row per action.
        return super().filter_queryset(queryset).distinct()


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name")
    sector = django_filters.ChoiceFilter(choices=Sector.choices, empty_label="Any")
    member = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label="Still a member"
    )

    class Meta:
        model = Organisation
        form = GovukFilterForm
        fields = ["q", "sector", "member"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class WorkingGroupFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or purpose")
    issue = django_filters.ModelChoiceFilter(
        field_name="issues", queryset=PracticeIssue.objects.all(), to_field_name="code"
    )
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisations", queryset=Organisation.objects.all(), to_field_name="slug"
    )
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull")

    class Meta:
        model = WorkingGroup
        form = GovukFilterForm
        fields = ["q", "issue", "organisation", "open"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(purpose__icontains=value))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class MeetingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Title or notes")
    issue = django_filters.ModelChoiceFilter(
        field_name="issues", queryset=PracticeIssue.objects.all(), to_field_name="code"
    )
    working_group = django_filters.ModelChoiceFilter(
        queryset=WorkingGroup.objects.all(), to_field_name="slug"
    )
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Meeting
        form = GovukFilterForm
        fields = ["q", "issue", "working_group", "held_from", "held_to"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(notes__icontains=value)
            | Q(decisions__text__icontains=value)
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class GoodPracticeFilterSet(django_filters.FilterSet):
    """Good practice by practice issue, stage and member organisation."""

    q = django_filters.CharFilter(method="search", label="Words in the title or what worked")
    issue = _issue_filter(field_name="issues")
    stage = django_filters.ModelChoiceFilter(
        field_name="issues__stage",
        queryset=Stage.objects.all(),
        to_field_name="code",
        label="Stage",
        empty_label="Any",
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        label="Member organisation",
        empty_label="Any",
    )

    class Meta:
        model = GoodPractice
        form = GovukFilterForm
        fields = ["q", "issue", "stage", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["issue"].field.label_from_instance = _issue_label

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(what_worked__icontains=value) | Q(where__icontains=value)
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class ProgressUpdateFilterSet(django_filters.FilterSet):
    """Progress updates (for the CSV) by practice issue, organisation and date."""

    issue = _issue_filter(field_name="action__issues")
    organisation = django_filters.ModelChoiceFilter(
        method="taken_by",
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        label="Organisation (lead or partner)",
    )
    since = django_filters.DateFilter(field_name="written_on", lookup_expr="gte")

    class Meta:
        model = ProgressUpdate
        fields = ["issue", "organisation", "since"]

    def taken_by(self, queryset, name, value):
        partnered = Action.partners.through.objects.filter(organisation=value)
        return queryset.filter(
            Q(action__organisation=value) | Q(action__in=partnered.values("action_id"))
        )
