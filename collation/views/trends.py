"""The public trend grid, an issue's page, and the grid as CSV and JSON.

The grid and its downloads are the busiest public pages, so they are served
from the cache while the figures stay the same (see "Whole-response cache").
"""

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from scr_platform.fragments import vary_on_fragment, wants_fragment
from scr_platform.response_cache import CACHE_SECONDS, public_fragment, public_response_cache
from scr_platform.spreadsheet import csv_writer

from ..charts import SHARE_BANDS, share_band, share_chart_svg, sparkline_points
from ..issue_panels import panels
from ..models import PracticeIssue
from ..selectors.learning import pack_for, sees_learning_drafts
from ..selectors.local_national import LOCAL_HIDDEN, issue_local_figures
from ..selectors.trends import TrendGrid, issue_detail, trend_grid
from ..selectors.verification import unverified_review_count
from ..services.trends import trends_version
from ..trend_forms import TrendFilterForm


def _grid_for(form: TrendFilterForm, version: int | None = None) -> TrendGrid:
    """The grid for valid filters, from the cache while no coding or publication changes it."""
    if version is None:
        version = trends_version()
    key = f"collation:trend-grid:{version}:{form.cache_key()}"
    grid = cache.get(key)
    if grid is None:
        grid = trend_grid(period=form.cleaned_data["period"], filters=form.filters())
        cache.set(key, grid, CACHE_SECONDS)
    return grid


# The grid page and its downloads are kept whole, with the rules of
# ``scr_platform.response_cache`` ("Whole-response cache"): only queries made of
# the filter form's own fields are stored; the page for the public only (its
# header differs for signed-in people), the CSV and JSON for everyone.
_PARAMETERS = tuple(TrendFilterForm.base_fields)


@require_GET
@public_response_cache("trend-grid", parameters=_PARAMETERS)
def grid_view(request):
    """The A3 grid: seven stage columns, each issue with its figures and trend line.

    The public is served the whole page from the cache; signed-in people get
    their own header around the same grid and filter form, kept as one fragment.
    """
    forms: list[TrendFilterForm] = []

    def body() -> str | None:
        # Made only when the fragment is not in the cache: a signed-in page served
        # from it builds no form.
        form = TrendFilterForm(request.GET or {"period": "all"})
        forms.append(form)
        if not form.is_valid():
            return None
        grid = _grid_for(form, request.public_version)
        columns = [
            (
                stage,
                [
                    (trend, sparkline_points(trend.sparkline), share_band(trend.share))
                    for trend in trends
                ],
            )
            for stage, trends in grid.stages
        ]
        context = {
            "form": form,
            "grid": grid,
            "columns": columns,
            "bands": SHARE_BANDS,
            "query": request.GET.urlencode(),
            "unverified": unverified_review_count(),
        }
        return render_to_string("collation/includes/trend_grid_body.html", context, request)

    html = public_fragment("trend-grid", request, parameters=_PARAMETERS, make=body)
    status = 200
    if html is None:
        html = render_to_string(
            "collation/includes/trend_grid_body.html", {"form": forms[-1]}, request
        )
        status = 400
    if wants_fragment(request):  # a filter changed with JavaScript on: the grid alone
        return vary_on_fragment(HttpResponse(html, status=status))
    context = {"body": mark_safe(html), "has_errors": status == 400}
    return vary_on_fragment(render(request, "collation/trend_grid.html", context, status=status))


def _rows(grid: TrendGrid):
    for stage, trends in grid.stages:
        for trend in trends:
            yield stage, trend


@require_GET
@public_response_cache(
    "trend-grid-csv", parameters=_PARAMETERS, everyone=True, headers=["Content-Disposition"]
)
def grid_csv_view(request):
    # The same for everyone, so cached for everyone.
    form = TrendFilterForm(request.GET or {"period": "all"})
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    grid = _grid_for(form, request.public_version)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trend-grid-{grid.period.key}.csv"'
    writer = csv_writer(response)
    writer.writerow(
        [
            "period",
            "stage",
            "code",
            "issue",
            "reviews_showing",
            "share_percent",
            "previous_reviews_showing",
            "previous_share_percent",
            "change_points",
            "direction",
            "published_reviews_in_period",
            "synthetic_demo_reviews_in_period",
        ]
    )
    for stage, trend in _rows(grid):
        writer.writerow(
            [
                grid.period.key,
                stage.code,
                trend.issue.code,
                trend.issue.title,
                trend.count,
                trend.share,
                trend.previous_count if trend.previous_count is not None else "",
                trend.previous_share if trend.previous_share is not None else "",
                trend.change if trend.change is not None else "",
                trend.direction,
                grid.review_count,
                grid.synthetic_review_count,
            ]
        )
    return response


def grid_as_data(grid: TrendGrid) -> dict:
    """The grid as plain data, for JSON and the API."""
    return {
        "period": {"key": grid.period.key, "label": grid.period.label},
        "published_reviews": grid.review_count,
        "previous_published_reviews": grid.previous_review_count,
        # Of published_reviews: synthetic reviews invented for the demo (0 on a real service).
        "synthetic_demo_reviews": grid.synthetic_review_count,
        "sparkline_periods": [period.key for period in grid.sparkline_periods],
        "stages": [
            {
                "code": stage.code,
                "title": stage.title,
                "issues": [
                    {
                        "code": trend.issue.code,
                        "title": trend.issue.title,
                        "count": trend.count,
                        "share": trend.share,
                        "previous_count": trend.previous_count,
                        "previous_share": trend.previous_share,
                        "change": trend.change,
                        "direction": trend.direction,
                        "sparkline": trend.sparkline,
                    }
                    for trend in trends
                ],
            }
            for stage, trends in grid.stages
        ],
    }


@require_GET
@public_response_cache("trend-grid-json", parameters=_PARAMETERS, everyone=True)
def grid_json_view(request):
    # The same for everyone, so cached for everyone.
    form = TrendFilterForm(request.GET or {"period": "all"})
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    return JsonResponse(
        grid_as_data(_grid_for(form, request.public_version)),
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@public_response_cache("trend-issue")
def issue_view(request, code: str):
    """A practice issue: causes, counts over time, excerpts, reviews, and others' panels."""
    issue = get_object_or_404(PracticeIssue.objects.select_related("stage"), code__iexact=code)
    detail = issue_detail(issue=issue)
    extra = [{"panel": panel, "context": panel.context(issue, request)} for panel in panels()]
    return render(
        request,
        "collation/trend_issue.html",
        {
            "detail": detail,
            "chart": share_chart_svg(
                by_year=detail.by_year,
                chart_id="share-chart",
                title=f"Share of published reviews showing {issue.code}: {issue.title}, by year",
                table_id="share-by-year",
            ),
            "issue": issue,
            "pack": pack_for(request.user, issue),
            "can_write_pack": sees_learning_drafts(request.user),
            "panels": extra,
            "unverified": unverified_review_count(issue=issue),
            "local": issue_local_figures(issue=issue),
            "local_hidden": LOCAL_HIDDEN,
        },
    )
