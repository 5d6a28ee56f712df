"""The national picture of local learning, for everyone: figures from boards' own records,
small numbers hidden (``selectors.local_national``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..selectors.local_national import local_national, outcome_rates
from ..selectors.recurrence import recurrences


@require_safe
def local_national_view(request):
    """How many boards see each practice issue here, and act on it."""
    figures = local_national()
    stages: dict = {}
    for row in figures["rows"]:
        stages.setdefault(row.issue.stage, []).append(row)
    return render(request, "collation/local/national.html", {**figures, "stages": stages})


@require_safe
def outcome_rates_view(request):
    """Implementation rates of recommendations, by theme, agency and SMART criteria."""
    return render(
        request,
        "collation/local/outcome_rates.html",
        {**outcome_rates(), "recurrences": recurrences()},
    )
