"""Reviewer development: the directory's filters, shared by the page and the API.

A viewer who sees only the public parts of profiles can only filter on parts
a reviewer made public: otherwise a filter on region would reveal the region
of someone who chose to keep it private.
"""

import django_filters
from django import forms
from django.db.models import Q

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region
from scr_platform.forms import GovukFormMixin

from .choices import Availability, Background
from .models import ReviewerProfile
from .rules import sees_listed_profiles


class GovukFilterForm(GovukFormMixin, forms.Form):
    """Filter forms rendered with GOV.UK components."""


class ProfileFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or experience")
    region = django_filters.ChoiceFilter(
        field_name="regions__region", choices=Region.choices, label="Region", method="part"
    )
    method = django_filters.ChoiceFilter(
        field_name="methods__method", choices=ReviewModel.choices, label="Method", method="part"
    )
    availability = django_filters.ChoiceFilter(
        choices=Availability.choices, label="Availability", method="part"
    )
    background = django_filters.ChoiceFilter(
        choices=Background.choices, label="Professional background", method="part"
    )

    # Which show_* switch guards each filter for viewers who see public parts only.
    GUARDS = {
        "regions__region": "show_regions",
        "methods__method": "show_methods",
        "availability": "show_availability",
        "background": "show_background",
    }

    class Meta:
        model = ReviewerProfile
        form = GovukFilterForm
        fields = ["q", "region", "method", "availability", "background"]

    @property
    def full_view(self) -> bool:
        user = getattr(self.request, "user", None)
        return user is not None and sees_listed_profiles(user)

    def _guard(self, queryset, switch: str):
        if self.full_view:
            return queryset
        user = getattr(self.request, "user", None)
        own = Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
        return queryset.filter(Q(**{switch: True}) | own)

    def part(self, queryset, name, value):
        if not value:
            return queryset
        return self._guard(queryset.filter(**{name: value}), self.GUARDS[name])

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        named = (
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__username__iexact=value)
        )
        described = Q(biography__icontains=value) | Q(background_detail__icontains=value)
        if not self.full_view:
            described &= Q(show_background=True)
        return queryset.filter(named | described)

    def filter_queryset(self, queryset):
        # Regions and methods join child rows; one row per profile.
        return super().filter_queryset(queryset).distinct()
