"""Search results grouped by report: each review once, with its best pages under it.

The pages that match are ranked as ``page_search`` ranks them (the first
``SEARCH_CANDIDATES`` matches the scan finds, each with its rank). One SQL
statement then groups them by review with window functions: each page's place
in its review (``row_number() over (partition by review order by rank)``), how
many pages of the review match, and the review's best rank, which orders the
reports. Only each review's best ``PAGES_PER_REPORT`` pages leave the
database, and only the shown reports' best page is read for its snippet:
``ts_headline`` parses a page's whole text, about 1.3 ms a page, so thirty
snippets would cost more than the rest of the search (bench/search_latency.py
--grouped); the other best pages are listed by number.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import FloatField, QuerySet, Value
from django.utils.safestring import mark_safe

from ..models import DocumentPage, Review, ReviewDocument
from . import search
from .search import (
    SearchHit,
    contains_snippet,
    marked,
    matching_pages,
    pages_with_headlines,
    public_pages,
    search_candidates,
    searchable_pages,
)

PAGES_PER_REPORT = 3


@dataclass(frozen=True)
class ReportHits:
    """One report in the results: its best pages (the first with a snippet), and how
    many of its pages match."""

    review: Review
    hits: list[SearchHit]
    page_count: int

    @property
    def best(self) -> SearchHit:
        return self.hits[0]

    @property
    def also(self) -> list[SearchHit]:
        """Its next best pages, listed by number."""
        return self.hits[1:]

    @property
    def more_pages(self) -> int:
        return self.page_count - len(self.hits)


@dataclass(frozen=True)
class ReportResults:
    query: str
    reports: list[ReportHits]
    report_count: int
    page_count: int
    # True when more pages match than search reads: the counts are then of
    # the first SEARCH_CANDIDATES matches.
    is_capped: bool
    # Every review with a matching page (among those read): what the filters count.
    review_ids: list[int]


@dataclass(frozen=True)
class _Group:
    review_id: int
    page_count: int
    pages: list[tuple[int, float]]  # (page id, rank), best first


def _grouped(candidates: QuerySet) -> list[_Group]:
    """The candidates grouped by review, best review first, each with its best pages."""
    sql, params = candidates.query.sql_with_params()
    documents = ReviewDocument._meta.db_table
    with connection.cursor() as cursor:
        # ``sql`` is the ORM's own SQL with placeholders for ``params``, never the
        # user's text. The candidates' columns: id, document_id, number, rank.
        cursor.execute(
            "SELECT page_id, review_id, page_rank, pages_in_review FROM ("
            "  SELECT c.id AS page_id, d.review_id, c.hit_rank AS page_rank,"
            "    row_number() OVER (PARTITION BY d.review_id"
            "      ORDER BY c.hit_rank DESC, c.document_id, c.number) AS place,"
            "    count(*) OVER (PARTITION BY d.review_id) AS pages_in_review,"
            "    max(c.hit_rank) OVER (PARTITION BY d.review_id) AS best_rank"
            f"  FROM ({sql}) AS c JOIN {documents} AS d ON d.id = c.document_id"
            ") AS placed WHERE place <= %s ORDER BY best_rank DESC, review_id, place",
            [*params, PAGES_PER_REPORT],
        )
        rows = cursor.fetchall()
    groups: list[_Group] = []
    for page_id, review_id, rank, pages_in_review in rows:
        if not groups or groups[-1].review_id != review_id:
            groups.append(_Group(review_id, pages_in_review, []))
        groups[-1].pages.append((page_id, float(rank)))
    return groups


def _candidates(query: str, reviews: QuerySet[Review]):
    """(the matching pages as ranked candidates, the query as the snippets read it)."""
    if connection.vendor == "postgresql":
        matches, search_query = matching_pages(public_pages(reviews), query)
        return search_candidates(matches, search_query), search_query
    # The embedded default (SQLite) has no full-text search: pages containing
    # the phrase stand in, all ranked alike.
    phrase = query.strip('"')
    candidates = (
        searchable_pages(reviews)
        .filter(text__icontains=phrase)
        .order_by()
        .annotate(hit_rank=Value(1.0, output_field=FloatField()))
        .values_list("id", "document_id", "number", "hit_rank")[: search.SEARCH_CANDIDATES + 1]
    )
    return candidates, phrase


def reviews_matching(*, query: str, reviews: QuerySet[Review]) -> list[int]:
    """The ids of the published reviews among ``reviews`` with a page matching ``query``
    (among the first matches search reads)."""
    query = query.strip()
    if not query:
        return []
    candidates, _ = _candidates(query, reviews)
    sql, params = candidates.query.sql_with_params()
    documents = ReviewDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT d.review_id FROM ({sql}) AS c "
            f"JOIN {documents} AS d ON d.id = c.document_id",
            params,
        )
        return [row[0] for row in cursor.fetchall()]


def report_search(
    *, query: str, reviews: QuerySet[Review], offset: int = 0, limit: int = 10
) -> ReportResults:
    """Reports (published, among ``reviews``) with pages matching ``query``, best first.

    ``offset`` and ``limit`` count reports. Anything unpublished in ``reviews``
    is dropped here, whatever the caller passed.
    """
    query = query.strip()
    if not query:
        return ReportResults(query, [], 0, 0, False, [])
    candidates, search_query = _candidates(query, reviews)
    groups = _grouped(candidates)
    found = sum(group.page_count for group in groups)
    shown = groups[offset : offset + limit]
    best = [group.pages[0][0] for group in shown]
    pages = _pages_with_snippets(best, search_query)
    others = {
        page.pk: page
        for page in DocumentPage.objects.filter(
            pk__in=[pk for group in shown for pk, _ in group.pages[1:]]
        )
        .defer("text", "search_vector")
        .select_related("document__review__board")
    }
    reports = []
    for group in shown:
        hits = [
            _hit(pages.get(pk) or others[pk], rank)
            for pk, rank in group.pages
            if pk in pages or pk in others
        ]
        if hits:
            reports.append(ReportHits(hits[0].review, hits, group.page_count))
    return ReportResults(
        query=query,
        reports=reports,
        report_count=len(groups),
        page_count=min(found, search.SEARCH_CANDIDATES),
        is_capped=found > search.SEARCH_CANDIDATES,
        review_ids=[group.review_id for group in groups],
    )


def _pages_with_snippets(ids: list[int], search_query) -> dict[int, DocumentPage]:
    if isinstance(search_query, SearchQuery):
        pages = pages_with_headlines(ids, search_query)
        for page in pages.values():
            page.snippet = marked(page.headline)
        return pages
    pages = {
        page.pk: page
        for page in DocumentPage.objects.filter(pk__in=ids).select_related(
            "document__review__board"
        )
    }
    for page in pages.values():
        page.snippet = contains_snippet(page.text, search_query)
    return pages


def _hit(page: DocumentPage, rank: float) -> SearchHit:
    return SearchHit(
        review=page.document.review,
        document=page.document,
        page=page.number,
        # Only a report's best page is read for a snippet.
        snippet=getattr(page, "snippet", mark_safe("")),
        rank=rank,
    )
