"""The review filters' counts (facets), for the repository and search.

Counted with ``scr_platform.facets`` over the reviews the caller may see:
``review_list(user=…)`` for the repository (the visibility rule: the public's
counts never include a draft), published reviews with a matching page for search.
"""

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from scr_platform.facets import Facet, FacetCounts, facet_counts

from ..models import Review
from .report_search import ReportResults, reviews_matching

# The filters with a fixed list of values, and the lookup their values are.
REVIEW_FACETS = (
    Facet("board", "board__slug"),
    Facet("region", "board__region"),
    Facet("incident", "incident"),
    Facet("child_age_band", "child_age_band"),
    Facet("child_sex", "child_sex"),
    Facet("abuse_category", "abuse_categories__code"),
    Facet("agency", "agencies"),
    Facet("review_model", "review_model"),
    Facet("status", "status"),
)


def review_facet_counts(
    filterset_class, data: Mapping, reviews: QuerySet[Review], *, leave_out: Iterable[str] = ()
) -> FacetCounts:
    """Per filter value, how many of ``reviews`` match it and every other filter set."""
    leave_out = set(leave_out)
    facets = [facet for facet in REVIEW_FACETS if facet.name not in leave_out]
    return facet_counts(filterset_class, data, reviews, facets)


# Not filters of reviews: the search's words, the page of results, the report searched in.
_NOT_FACETED = {"q", "page", "review"}


def search_facet_counts(
    filterset_class, data: Mapping, reviews: QuerySet[Review], *, results: ReportResults
) -> FacetCounts:
    """The filters' counts for a search: reports among ``reviews`` the words are found in.

    With no filter set, those are the reports found; otherwise they are found
    again without the filters (each filter is counted as if the others alone were set).
    """
    # A submitted form sends every filter, most of them empty.
    filtered = any(
        value.strip() for name in data if name not in _NOT_FACETED for value in data.getlist(name)
    )
    if filtered:
        matching = reviews_matching(query=results.query, reviews=reviews)
    else:
        matching = results.review_ids
    return review_facet_counts(
        filterset_class, data, reviews.filter(pk__in=matching), leave_out=["status"]
    )
