"""Reads on CPD logs: a reviewer's own activities and their yearly summary."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404

from ..choices import ActivityKind
from ..models import CpdActivity


def cpd_list(*, user) -> QuerySet[CpdActivity]:
    """A reviewer's own CPD activities, newest first: nobody else reads a CPD log."""
    return CpdActivity.objects.filter(reviewer=user).select_related("session__topic")


def cpd_get(*, user, pk: int) -> CpdActivity:
    """One of the user's own activities, or 404."""
    activity = cpd_list(user=user).filter(pk=pk).first()
    if activity is None:
        raise Http404("No such activity")
    return activity


def cpd_years(*, user) -> list[int]:
    """The years the reviewer has activities in, newest first."""
    years = (
        cpd_list(user=user)
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


@dataclass
class CpdSummary:
    """A year of CPD: every activity, the total hours and the hours by kind."""

    year: int
    activities: list[CpdActivity]
    total_hours: Decimal
    by_kind: list[tuple[str, int, Decimal]]  # (kind label, activities, hours)


def cpd_summary(*, user, year: int) -> CpdSummary:
    """The reviewer's CPD for one calendar year, to show a commissioner."""
    activities = list(cpd_list(user=user).filter(date__year=year).order_by("date", "pk"))
    by_kind = []
    for value, label in ActivityKind.choices:
        of_kind = [activity for activity in activities if activity.kind == value]
        if of_kind:
            by_kind.append((label, len(of_kind), sum((a.hours for a in of_kind), Decimal(0))))
    total = sum((activity.hours for activity in activities), Decimal(0))
    return CpdSummary(year=year, activities=activities, total_hours=total, by_kind=by_kind)
