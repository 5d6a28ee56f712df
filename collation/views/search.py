"""Search: the text of published reports, with the repository's filters."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..filtersets import SearchFilterSet
from ..selectors import page_search, published_review_list
from .reviews import PAGE_SIZE, query_without_page


@require_safe
def search_view(request):
    """Search the text of published reports, with the repository's filters."""
    query = request.GET.get("q", "").strip()
    filterset = SearchFilterSet(request.GET or None, queryset=published_review_list())
    results = None
    page = None
    if query and (not filterset.is_bound or filterset.is_valid()):
        number = request.GET.get("page", "1")
        number = int(number) if number.isdigit() and int(number) > 0 else 1
        results = page_search(
            query=query, reviews=filterset.qs, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        page = Paginator(range(results.total), PAGE_SIZE).get_page(number)
    return render(
        request,
        "collation/search.html",
        {
            "query": query,
            "filter": filterset,
            "results": results,
            "page": page,
            "query_string": query_without_page(request),
            # The search box is the page's own; search covers published reports only.
            "hidden_filters": ["q", "status"],
        },
    )
