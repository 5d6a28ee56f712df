"""Reads for collation, one module per area; the names most callers need, here."""

from .reviews import (
    document_get,
    document_list,
    flag_list,
    job_get,
    published_review_list,
    review_documents,
    review_flags,
    review_get,
    review_is_being_checked,
    review_list,
    review_recommendations,
)
from .search import SearchHit, SearchResults, page_search

__all__ = [
    "SearchHit",
    "SearchResults",
    "document_get",
    "document_list",
    "flag_list",
    "job_get",
    "page_search",
    "published_review_list",
    "review_documents",
    "review_flags",
    "review_get",
    "review_is_being_checked",
    "review_list",
    "review_recommendations",
]
