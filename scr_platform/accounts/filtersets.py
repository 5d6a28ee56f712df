"""Filters for boards and users, shared by pages and the API."""

import django_filters
from django.db.models import Q

from .choices import Region, Role
from .models import Board, User


class BoardFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    region = django_filters.ChoiceFilter(choices=Region.choices)

    class Meta:
        model = Board
        fields = ["q", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip())


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    board = django_filters.ModelChoiceFilter(queryset=Board.objects.all())
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["q", "role", "board", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(groups__name=Role(value).label)
