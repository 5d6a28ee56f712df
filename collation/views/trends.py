"""The public trend grid, an issue's page, and the grid as CSV and JSON.

The grid and its downloads are the busiest public pages, so they are served
from the cache while the figures stay the same (see "Whole-response cache").
"""

import csv
import hashlib
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.views.decorators.http import require_GET

from ..issue_panels import panels
from ..models import PracticeIssue
from ..selectors.trends import TrendGrid, issue_detail, trend_grid
from ..services.trends import TRENDS_VERSION_KEY, trends_version
from ..trend_forms import TrendFilterForm

CACHE_SECONDS = 60 * 60


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


# --- Whole-response cache ---------------------------------------------------------
#
# The rendered grid page, CSV and JSON are kept whole, per view and query
# string as sent (the page echoes it: the filter fields, the download links),
# together with the trends version they were made under. A hit costs one cache
# round trip (the version and the response in one MGET) and no query, form or
# template. Correctness:
#
# - Never stale: a stored response is served only while its version is still
#   the current one. Its maker read the version before any data, and every
#   change that can move a figure bumps the version after its transaction
#   commits, so a response is never stored under a version older than its data.
# - Only the public's page is cached: the header's service navigation differs
#   for signed-in people, and a pending message (e.g. "You have signed out")
#   must be shown, so those requests render as usual (from the cached grid
#   data). The CSV and JSON are the same for everyone and cached for all.
# - Nothing personal is stored: a response is kept only if rendering it set no
#   cookie, did not modify the session and did not use the CSRF token (the
#   page's only forms are GET forms; the sign-out form with its token is shown
#   to signed-in people only). Only the body, its content type and the view's
#   own headers (Content-Disposition) are kept; every other header (Vary:
#   Cookie, CSP, security headers) is added by the middleware on each response,
#   exactly as for a rendered one.
# - The CSP nonce: base.html's inline script carries ``request.csp_nonce``,
#   and django-csp adds a nonce to the header only when the request's nonce
#   was used. A stored page would replay its nonce, and a nonce that never
#   changes protects nothing. So the nonce the page was rendered with is kept
#   beside the body, and each hit takes this request's own fresh nonce (which
#   puts it in this response's header) and writes it over the stored one in
#   the body: header and body agree, and every response has a new nonce.
# - Bounded: only queries made of the form's own fields, each once, are
#   stored, and only 200 responses, so made-up parameters cannot fill the
#   cache; a view and query has one entry, overwritten under a new version,
#   and entries expire after CACHE_SECONDS in any case.

_CACHEABLE_PARAMETERS = frozenset(TrendFilterForm.base_fields)


def _public(request) -> bool:
    """Served the same to every member of the public: not signed in, no pending message."""
    return not request.user.is_authenticated and not len(get_messages(request))


def _response_key(kind: str, request) -> str | None:
    """The cache key for this view and query, or None if the query is not one we store."""
    items = sorted(request.GET.lists())
    if any(name not in _CACHEABLE_PARAMETERS or len(values) != 1 for name, values in items):
        return None
    # Encoded, so "period=2016&region=x" and a period of "2016&region=x" differ.
    # Sorted: the order of parameters only changes the order they are echoed in
    # the download links, which mean the same either way.
    query = urlencode([(name, values[0]) for name, values in items])
    digest = hashlib.sha256(query.encode()).hexdigest()[:40]
    return f"collation:trend-response:{kind}:{digest}"


def _cached(request, kind: str, *, public: bool = True):
    """(trends version, cache key, the stored response if still current)."""
    key = _response_key(kind, request) if public else None
    if key is None:
        return trends_version(), None, None
    found = cache.get_many([TRENDS_VERSION_KEY, key])
    version = found.get(TRENDS_VERSION_KEY)
    if version is None:  # never set, or evicted: a new version, so nothing stored is current
        return trends_version(), key, None
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, key, None
    _, content_type, headers, body, nonce = stored
    if nonce is not None:
        # Accessing request.csp_nonce makes a fresh nonce and puts it in this
        # response's Content-Security-Policy header.
        fresh = str(request.csp_nonce)
        body = body.replace(
            f'nonce="{escape(nonce)}"'.encode(), f'nonce="{escape(fresh)}"'.encode()
        )
    response = HttpResponse(body, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return version, key, response


def _keep(request, version: int, key: str | None, response, *, headers=()) -> HttpResponse:
    """Store a freshly made response, if it is the same for everyone who asks."""
    if (
        key is not None
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Vary")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
    ):
        nonce = getattr(request, "_csp_nonce", None)  # set only if the page used it
        stored = (
            version,
            response["Content-Type"],
            [(name, response[name]) for name in headers],
            response.content,
            nonce if isinstance(nonce, str) else None,
        )
        cache.set(key, stored, CACHE_SECONDS)
    return response


def _sparkline_points(values: list[float], *, width: int = 80, height: int = 20) -> str:
    """SVG polyline points for shares (0–100), scaled to the largest."""
    if len(values) < 2:
        return ""
    top = max(max(values), 1.0)
    step = width / (len(values) - 1)
    return " ".join(
        f"{index * step:.1f},{height - (value / top) * height:.1f}"
        for index, value in enumerate(values)
    )


@require_GET
def grid_view(request):
    """The A3 grid: seven stage columns, each issue with its figures and trend line."""
    # The version is read first: see "Whole-response cache".
    version, key, response = _cached(request, "page", public=_public(request))
    if response is not None:
        return response
    form = TrendFilterForm(request.GET or {"period": "all"})
    if not form.is_valid():
        return render(request, "collation/trend_grid.html", {"form": form}, status=400)
    grid = _grid_for(form, version)
    columns = [
        (stage, [(trend, _sparkline_points(trend.sparkline)) for trend in trends])
        for stage, trends in grid.stages
    ]
    response = render(
        request,
        "collation/trend_grid.html",
        {"form": form, "grid": grid, "columns": columns, "query": request.GET.urlencode()},
    )
    return _keep(request, version, key, response)


def _rows(grid: TrendGrid):
    for stage, trends in grid.stages:
        for trend in trends:
            yield stage, trend


@require_GET
def grid_csv_view(request):
    # The same for everyone, so cached for everyone.
    version, key, response = _cached(request, "csv")
    if response is not None:
        return response
    form = TrendFilterForm(request.GET or {"period": "all"})
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    grid = _grid_for(form, version)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trend-grid-{grid.period.key}.csv"'
    writer = csv.writer(response)
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
            ]
        )
    return _keep(request, version, key, response, headers=["Content-Disposition"])


def grid_as_data(grid: TrendGrid) -> dict:
    """The grid as plain data, for JSON and the API."""
    return {
        "period": {"key": grid.period.key, "label": grid.period.label},
        "published_reviews": grid.review_count,
        "previous_published_reviews": grid.previous_review_count,
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
def grid_json_view(request):
    # The same for everyone, so cached for everyone.
    version, key, response = _cached(request, "json")
    if response is not None:
        return response
    form = TrendFilterForm(request.GET or {"period": "all"})
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    response = JsonResponse(
        grid_as_data(_grid_for(form, version)), json_dumps_params={"ensure_ascii": False}
    )
    return _keep(request, version, key, response)


@require_GET
def issue_view(request, code: str):
    """A practice issue: causes, counts over time, excerpts, reviews, and others' panels."""
    issue = get_object_or_404(PracticeIssue.objects.select_related("stage"), code__iexact=code)
    detail = issue_detail(issue=issue)
    extra = [{"panel": panel, "context": panel.context(issue, request)} for panel in panels()]
    return render(
        request, "collation/trend_issue.html", {"detail": detail, "issue": issue, "panels": extra}
    )
