"""The national overview of a period (/trends/overview/<period>/), its PDF and its index."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..charts import bar_chart_svg
from ..printing import pdf_response
from ..selectors.overview import national_overview, overview_period
from ..selectors.trends import published_periods


@require_safe
def overview_index_view(request):
    """The years and half-years with published reviews, each with its overview."""
    periods = [period for period in published_periods() if period.kind != "all"]
    return render(request, "collation/overview_index.html", {"periods": periods})


def _context(key: str):
    try:
        period = overview_period(key)
    except ValueError as error:
        return None, str(error)
    overview = national_overview(period)
    top_chart = bar_chart_svg(
        rows=[(t.issue.code, t.share, f"{t.share:g}%") for t in overview.top_issues],
        chart_id="top-issues-chart",  # bars by code; the table names each issue
        title=f"The practice issues found most often, {period.label}",
        desc="Share of the period's published reviews showing each issue. "
        "The figures are in the table that follows.",
        table_id="top-issues",
    )
    parts_chart = bar_chart_svg(
        rows=[(label, count, str(count)) for label, count in overview.by_part],
        chart_id="reviews-chart",
        title=f"Reviews published, {period.label}",
        desc="Number of reviews published in each part of the period. "
        "The figures are in the table that follows.",
        table_id="reviews-by-part",
    )
    return {"overview": overview, "top_chart": top_chart, "parts_chart": parts_chart}, None


def _not_a_period(request, key: str, reason: str):
    return render(
        request, "collation/overview_not_found.html", {"key": key, "reason": reason}, status=404
    )


@require_safe
def overview_view(request, period: str):
    context, reason = _context(period)
    if context is None:
        return _not_a_period(request, period, reason)
    return render(request, "collation/overview.html", context)


@require_safe
def overview_pdf_view(request, period: str):
    try:
        key = overview_period(period).key
    except ValueError as error:
        return _not_a_period(request, period, str(error))
    return pdf_response(
        request,
        template="collation/overview.html",
        context_for=lambda reader: _context(key)[0],
        filename=f"national-overview-{key}.pdf",
        public=True,
        page_url=reverse("collation:overview", kwargs={"period": key}),
    )
