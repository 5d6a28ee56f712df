"""Search: the text of published reports, grouped by report, with the repository's filters."""

from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from scr_platform.facets import facets_label
from scr_platform.fragments import render_page_or_fragment

from ..filtersets import SearchFilterSet
from ..selectors import page_search, published_review_list
from ..selectors.facets import search_facet_counts
from ..selectors.report_search import report_search
from .reviews import PAGE_SIZE, query_without_page

REPORTS_PER_PAGE = 10


def _page_number(request) -> int:
    number = request.GET.get("page", "1")
    return int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1


@require_safe
def search_view(request):
    """Search the text of published reports: each report once, its best pages under it.

    The filters count the reports with a matching page. A filter changed with
    JavaScript on asks for the results region only (htmx).
    """
    query = request.GET.get("q", "").strip()
    reviews = published_review_list()
    filterset = SearchFilterSet(request.GET or None, queryset=reviews)
    results = pages = page = searched_review = None
    if query and (not filterset.is_bound or filterset.is_valid()):
        number = _page_number(request)
        searched_review = filterset.form.cleaned_data.get("review")
        if searched_review is not None:
            # One report: every matching page of it, best first.
            searched_review = reviews.filter(pk=searched_review).first()
            pages = page_search(
                query=query, reviews=filterset.qs, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
            page = Paginator(range(pages.total), PAGE_SIZE).get_page(number)
        else:
            results = report_search(
                query=query,
                reviews=filterset.qs,
                offset=(number - 1) * REPORTS_PER_PAGE,
                limit=REPORTS_PER_PAGE,
            )
            page = Paginator(range(results.report_count), REPORTS_PER_PAGE).get_page(number)
            counts = search_facet_counts(SearchFilterSet, request.GET, reviews, results=results)
            facets_label(filterset.form, counts)
    return render_page_or_fragment(
        request,
        "collation/search.html",
        "collation/includes/search_region.html",
        {
            "query": query,
            "filter": filterset,
            "results": results,
            "pages": pages,
            "page": page,
            "searched_review": searched_review,
            "query_string": query_without_page(request),
            "everywhere_query": _without(request, "review", "page"),
            # The search box is the page's own; search covers published reports only.
            "hidden_filters": ["q", "status"],
        },
    )


def _without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
