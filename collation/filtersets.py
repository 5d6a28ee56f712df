"""Filters on every review field, shared by the repository pages, search and the API."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from scr_platform.accounts.choices import Region
from scr_platform.accounts.models import Board
from scr_platform.forms import GovukFormMixin

from .choices import AbuseCategoryCode, ChildAgeBand, ChildSex, Incident, ReviewModel, ReviewStatus
from .models import AbuseCategory, Agency, Review

# A browser's date box reads only ISO dates: the locale's "04/12/2026" would be refused.
ISO_DATE_BOX = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GovukFilterForm(GovukFormMixin, forms.Form):
    """Filter forms rendered with GOV.UK components."""


class ReviewFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Title, reference or board")
    board = django_filters.ModelChoiceFilter(
        queryset=Board.objects.all(), to_field_name="slug", label="Board", empty_label="Any"
    )
    region = django_filters.ChoiceFilter(
        field_name="board__region", choices=Region.choices, label="Region"
    )
    incident = django_filters.ChoiceFilter(choices=Incident.choices)
    child_age_band = django_filters.ChoiceFilter(choices=ChildAgeBand.choices, label="Child's age")
    child_sex = django_filters.ChoiceFilter(choices=ChildSex.choices, label="Child's sex")
    # The filter compares the chosen rows' ``to_field_name`` (their code), so the
    # lookup must end in the code too: on the relation itself it would need the id.
    # (drf-spectacular would look for abuse_categories__code__code: say the type.)
    abuse_category = extend_schema_field(
        {"type": "string", "enum": AbuseCategoryCode.values, "description": "Abuse category"}
    )(
        django_filters.ModelMultipleChoiceFilter(
            field_name="abuse_categories__code",
            queryset=AbuseCategory.objects.all(),
            to_field_name="code",
            label="Abuse category",
            widget=forms.CheckboxSelectMultiple,
        )
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        field_name="agencies",
        queryset=Agency.objects.all(),
        label="Agency involved",
        widget=forms.CheckboxSelectMultiple,
    )
    review_model = django_filters.ChoiceFilter(choices=ReviewModel.choices)
    lead_reviewer = django_filters.CharFilter(
        field_name="lead_reviewer_name", lookup_expr="icontains", label="Lead reviewer"
    )
    published_from = django_filters.DateFilter(
        field_name="publication_date",
        lookup_expr="gte",
        label="Published on or after",
        widget=ISO_DATE_BOX,
    )
    published_to = django_filters.DateFilter(
        field_name="publication_date",
        lookup_expr="lte",
        label="Published on or before",
        widget=ISO_DATE_BOX,
    )
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Review
        form = GovukFilterForm
        fields = [
            "q",
            "board",
            "region",
            "incident",
            "child_age_band",
            "child_sex",
            "abuse_category",
            "agency",
            "review_model",
            "lead_reviewer",
            "published_from",
            "published_to",
            "status",
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(reference__icontains=value)
            | Q(board__name__icontains=value)
        )

    def filter_queryset(self, queryset):
        # Multi-valued filters join through many-to-many tables; one row per review.
        return super().filter_queryset(queryset).distinct()


class ReviewNumberFilter(django_filters.Filter):
    """A review by its number (id): whole numbers in the id column's range only."""

    field_class = forms.IntegerField


_REVIEW_NUMBER_ERROR = "The report to search in must be a report's number, for example 42"


class SearchFilterSet(ReviewFilterSet):
    """The review filters for full-text search, where ``q`` is matched against page text.

    ``q`` is the search itself (``page_search`` reads it), so here it leaves the
    reviews unfiltered instead of matching titles. ``review`` limits the search
    to one report (its "N more pages in this report" link).
    """

    q = django_filters.CharFilter(method="ignore", label="Search the text for")
    review = extend_schema_field({"type": "integer", "description": "Only this review's pages"})(
        ReviewNumberFilter(
            field_name="pk",
            label="Report",
            widget=forms.HiddenInput,
            min_value=1,
            max_value=2**63 - 1,
            error_messages={
                "invalid": _REVIEW_NUMBER_ERROR,
                "min_value": _REVIEW_NUMBER_ERROR,
                "max_value": _REVIEW_NUMBER_ERROR,
            },
        )
    )

    class Meta(ReviewFilterSet.Meta):
        fields = [*ReviewFilterSet.Meta.fields, "review"]

    def ignore(self, queryset, name, value):
        return queryset
